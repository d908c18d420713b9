import type { Job, JobStore } from "./jobs.js";
import type {
  FaultName,
  Ledger,
  LedgerJob,
  RejectReason,
  RequestKind,
  RequestRecord,
  StatusRequestRecord,
} from "./types.js";

/** What clients did, for tests and benchmarks to assert on. The servers write; tests read. */
export class EmulatorLedger implements Ledger {
  readonly requests = {
    create: 0,
    createReplayed: 0,
    status: 0,
    download: 0,
    models: 0,
    credits: 0,
    rejected: {} as Record<string, number>,
  };
  readonly faultsInjected: Partial<Record<FaultName, number>> = {};
  #log: RequestRecord[] = [];
  #statusRequests = new Map<string, StatusRequestRecord[]>();
  #keyReachedResults = false;

  constructor(private readonly store: JobStore) {}

  jobs(): LedgerJob[] {
    return this.store.all().map((job) => this.store.snapshot(job));
  }

  jobsByKey(key: string): LedgerJob[] {
    return this.store
      .all()
      .filter((job: Job) => job.key === key)
      .map((job) => this.store.snapshot(job));
  }

  requestLog(): readonly RequestRecord[] {
    return this.#log;
  }

  keyReachedResultsOrigin(): boolean {
    return this.#keyReachedResults;
  }

  statusRequestsFor(id: string): StatusRequestRecord[] {
    return [...(this.#statusRequests.get(id) ?? [])];
  }

  reset(): void {
    this.requests.create = 0;
    this.requests.createReplayed = 0;
    this.requests.status = 0;
    this.requests.download = 0;
    this.requests.models = 0;
    this.requests.credits = 0;
    for (const reason of Object.keys(this.requests.rejected)) delete this.requests.rejected[reason];
    for (const name of Object.keys(this.faultsInjected) as FaultName[]) {
      delete this.faultsInjected[name];
    }
    this.#log = [];
    this.#statusRequests = new Map();
    this.#keyReachedResults = false;
  }

  /** Record an arriving request; the returned record is completed when it is answered. */
  arrived(kind: RequestKind | "other", at: number): RequestRecord {
    if (kind !== "other") this.requests[kind] += 1;
    const record: RequestRecord = { kind, at, httpStatus: 0 };
    this.#log.push(record);
    return record;
  }

  statusRequest(id: string, record: StatusRequestRecord): void {
    const records = this.#statusRequests.get(id) ?? [];
    records.push(record);
    this.#statusRequests.set(id, records);
  }

  rejected(reason: RejectReason): void {
    this.requests.rejected[reason] = (this.requests.rejected[reason] ?? 0) + 1;
  }

  replayed(): void {
    this.requests.createReplayed += 1;
  }

  faultFired(name: FaultName): void {
    this.faultsInjected[name] = (this.faultsInjected[name] ?? 0) + 1;
  }

  keyReachedResults(): void {
    this.#keyReachedResults = true;
  }
}

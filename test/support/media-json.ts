/** `<manifest stem>.media.json` as docs/derived-media.md specifies it, for tests to read. */
export interface MediaJson {
  version: number;
  assets: Record<
    string,
    {
      output: string;
      width: number;
      height: number;
      placeholder: string;
      variants: { path: string; format: string; width: number; height: number; bytes: number }[];
    }
  >;
}

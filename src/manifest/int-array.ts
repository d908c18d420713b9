/**
 * `array` when it holds `length` numbers already, else a copy of it with room for at least
 * `length`, and at least half as many again as before (so that adding one number at a time
 * copies the array a logarithmic number of times).
 */
export function withRoom(array: Int32Array<ArrayBuffer>, length: number): Int32Array<ArrayBuffer> {
  if (length <= array.length) return array;
  const next = new Int32Array(Math.max(length, array.length + (array.length >> 1)));
  next.set(array);
  return next;
}

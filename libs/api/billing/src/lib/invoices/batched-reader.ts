/**
 * Reads values for `keys` in the order they are asked for, `size` keys per `load`: asking for the
 * i-th loads keys i … i + size − 1 unless it is already loaded; a value is handed out once and then
 * forgotten, so memory holds at most one batch.
 */
export function batchedReader<K, V>(
  keys: readonly K[],
  size: number,
  load: (batch: K[]) => Promise<Map<K, V>>,
): (index: number) => Promise<V | undefined> {
  let batch = new Map<K, V>();
  return async (index) => {
    const key = keys[index];
    if (!batch.has(key)) batch = await load(keys.slice(index, index + size));
    const value = batch.get(key);
    batch.delete(key);
    return value;
  };
}

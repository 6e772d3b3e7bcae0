import { batchedReader } from './batched-reader';

describe('batchedReader', () => {
  const keys = ['a', 'b', 'c', 'd', 'e'];
  const loader = () => {
    const loads: string[][] = [];
    const load = async (batch: string[]) => {
      loads.push(batch);
      return new Map(batch.map((k) => [k, k.toUpperCase()]));
    };
    return { loads, load };
  };

  it('loads the keys in batches of the size, in the order they are read, each once', async () => {
    const { loads, load } = loader();
    const read = batchedReader(keys, 2, load);
    const values = [];
    for (let i = 0; i < keys.length; i++) values.push(await read(i));
    expect(values).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect(loads).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
  });

  it('answers undefined for a key its batch did not find (a file gone), and goes on', async () => {
    const read = batchedReader(keys, 3, async (batch) => new Map(batch.filter((k) => k !== 'b').map((k) => [k, k])));
    expect([await read(0), await read(1), await read(2)]).toEqual(['a', undefined, 'c']);
  });
});

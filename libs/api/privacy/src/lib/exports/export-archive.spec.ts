import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { chunkSink } from './export-archive';

describe('chunkSink', () => {
  it('hands over pieces of exactly `size` bytes in order, the last one shorter, each its own bytes although one buffer is reused', async () => {
    const input = Buffer.from(Array.from({ length: 23 }, (_, i) => i));
    const stored: [number, Buffer][] = [];
    // Writes that straddle, fill and overrun a piece.
    await pipeline(
      Readable.from([input.subarray(0, 3), input.subarray(3, 4), input.subarray(4, 17), input.subarray(17)]),
      chunkSink(5, async (chunkNo, data) => {
        stored.push([chunkNo, Buffer.from(data)]);
      }),
    );
    expect(stored.map(([n, data]) => [n, [...data]])).toEqual([
      [1, [0, 1, 2, 3, 4]],
      [2, [5, 6, 7, 8, 9]],
      [3, [10, 11, 12, 13, 14]],
      [4, [15, 16, 17, 18, 19]],
      [5, [20, 21, 22]],
    ]);
  });

  it('waits for each piece to be stored before it takes more', async () => {
    let storing = false;
    const overlaps: number[] = [];
    await pipeline(
      Readable.from([Buffer.alloc(7), Buffer.alloc(9)]),
      chunkSink(4, async (chunkNo) => {
        if (storing) overlaps.push(chunkNo);
        storing = true;
        await new Promise((resolve) => setTimeout(resolve, 5));
        storing = false;
      }),
    );
    expect(overlaps).toEqual([]);
  });
});

import { prepareStatements } from './prepared-query';

describe('prepareStatements', () => {
  it('names each parameterised statement by its text, leaves the rest alone, and installs once', async () => {
    const seen: unknown[][] = [];
    const client = { query: (...args: unknown[]) => (seen.push(args), Promise.resolve({ rows: [] })) };
    prepareStatements(client);
    prepareStatements(client);

    await client.query('SELECT * FROM t WHERE id = $1', [1]);
    await client.query('SELECT * FROM t WHERE id = $1', [2]);
    await client.query('SELECT * FROM t WHERE name = $1', ['x']);
    await client.query('BEGIN');
    await client.query('SELECT 1', []);

    const [first, second, third] = seen.map((args) => args[0] as { name: string; text: string; values: unknown[] });
    expect(first).toEqual({
      name: expect.stringMatching(/^q_[\w-]{22}$/),
      text: 'SELECT * FROM t WHERE id = $1',
      values: [1],
    });
    expect(second.name).toBe(first.name);
    expect(second.values).toEqual([2]);
    expect(third.name).not.toBe(first.name);
    expect(seen[3]).toEqual(['BEGIN']);
    expect(seen[4]).toEqual(['SELECT 1', []]);
    expect(seen).toHaveLength(5);
  });

  it('leaves statements unnamed past a few thousand distinct texts, so nothing grows without bound', async () => {
    const seen: unknown[][] = [];
    const client = { query: (...args: unknown[]) => (seen.push(args), Promise.resolve({ rows: [] })) };
    prepareStatements(client);
    for (let i = 0; i < 2100; i++) await client.query(`SELECT $1::int + ${i}`, [i]);
    expect(typeof seen[0][0]).toBe('object');
    expect(seen[2099]).toEqual(['SELECT $1::int + 2099', [2099]]);
    // A text named before the cap keeps its name.
    await client.query('SELECT $1::int + 0', [7]);
    expect(seen[2100][0]).toMatchObject({ text: 'SELECT $1::int + 0', values: [7] });
  });
});

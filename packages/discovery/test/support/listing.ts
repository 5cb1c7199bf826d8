/** Helpers shared by the discovery suites: name generators and listing assertions. */
import { listSecrets, type DiscoveredSecret, type ListSecretsOptions } from "@eskit/discovery";

/** Zero-padded index, so generated names sort as numbers. */
export const pad = (i: number): string => String(i).padStart(4, "0");

/** `n` names made by `f`. */
export const range = (n: number, f: (i: number) => string): string[] => Array.from({ length: n }, (_, i) => f(i));

/** Every secret a listing yields, in order. */
export async function collect(opts: ListSecretsOptions): Promise<DiscoveredSecret[]> {
  const out: DiscoveredSecret[] = [];
  for await (const s of listSecrets(opts)) out.push(s);
  return out;
}

/** Asserts the listing holds exactly the expected names, each once. */
export function expectEachExactlyOnce(listed: DiscoveredSecret[], expected: string[]): void {
  const names = listed.map((s) => s.name);
  expect(new Set(names).size).toBe(names.length);
  expect([...names].sort()).toEqual([...expected].sort());
}

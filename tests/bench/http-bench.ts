// autocannon against the running server: the panels endpoint for random signed-in users and the bare health
// route, same server, same run, same settings, so their ratio says what the panels cost.
import autocannon, { type Request } from 'autocannon';
import { API_PREFIX, ApiPath } from '../../shared/api/paths.ts';
import { HomePath } from '../../shared/api/home.ts';
import type { BenchSession } from './sessions.ts';

export interface HttpFigures {
  name: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

interface Run {
  url: string;
  connections: number;
  durationSeconds: number;
}

async function cannon(name: string, run: Run, paths: () => { path: string; token?: string }): Promise<HttpFigures> {
  const result = await autocannon({
    url: run.url,
    connections: run.connections,
    duration: run.durationSeconds,
    requests: [
      {
        method: 'GET',
        setupRequest: (req: Request): Request => {
          const next = paths();
          const headers: Record<string, string> = next.token ? { authorization: `Bearer ${next.token}` } : {};
          return { ...req, path: next.path, headers };
        },
      },
    ],
  });
  return {
    name,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

export interface HttpBenchResult {
  /** Per measured round, the bare route and the panels, run right after each other. */
  rounds: Array<{ bare: HttpFigures; panels: HttpFigures }>;
  /** The round with the median ratio panels/bare: its figures are the ones reported. */
  median: { bare: HttpFigures; panels: HttpFigures; ratio: number };
}

/**
 * A shared virtual machine's speed drifts by tens of percents within a minute, so one run of each would compare
 * different machines. The two are measured in alternating rounds and each round gives its own ratio; the median
 * round is reported (all rounds are printed too).
 */
export async function httpBench(
  url: string,
  sessions: BenchSession[],
  durationSeconds: number,
  roundCount = 3,
): Promise<HttpBenchResult> {
  let i = 0;
  const panels = () => {
    const s = sessions[i++ % sessions.length]!;
    return { path: API_PREFIX + HomePath.home.replace(':clientId', String(s.clientId)), token: s.token };
  };
  const bare = () => ({ path: API_PREFIX + ApiPath.health });
  const run = { url, connections: 50, durationSeconds };
  // A short warm-up of both (JIT, SQLite page cache, the panel cache), then the measured rounds.
  await cannon('warm-up', { ...run, durationSeconds: 2 }, bare);
  await cannon('warm-up', { ...run, durationSeconds: 2 }, panels);
  const rounds: HttpBenchResult['rounds'] = [];
  for (let r = 0; r < roundCount; r++) {
    rounds.push({
      bare: await cannon('bare /health', run, bare),
      panels: await cannon('panels /clients/:id/home', run, panels),
    });
  }
  const byRatio = rounds
    .map((x) => ({ ...x, ratio: x.panels.requestsPerSecond / x.bare.requestsPerSecond }))
    .sort((a, b) => a.ratio - b.ratio);
  return { rounds, median: byRatio[Math.floor(byRatio.length / 2)]! };
}

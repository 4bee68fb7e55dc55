// The cluster tests' check that nothing of a stopped cluster still listens: it names each listener's
// owner, and leaves out a port taken since the stop by a program that is not the cluster's.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { leftListening, listenersOn } from './cluster.js';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

async function listening(): Promise<string> {
  const server = createServer();
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `127.0.0.1:${(server.address() as { port: number }).port}`;
}

describe('listeners of a stopped cluster', () => {
  it('names the process that listens on an address, with its command and start', async () => {
    const address = await listening();
    const [me] = listenersOn(address).filter((l) => l.pid === process.pid);
    expect(me).toBeDefined();
    expect(me!.command).toBe(readFileSync('/proc/self/cmdline', 'utf8').split('\0').join(' ').trim());
    expect(me!.startedMs).toBeLessThanOrEqual(Date.now());
    expect(Date.now() - me!.startedMs).toBeLessThan(process.uptime() * 1000 + 60_000);
  });

  it("reports a listener of the cluster's that started before the stop, and no other", async () => {
    const address = await listening();
    expect(leftListening([address], Date.now(), () => true)).toEqual([`${address} by pid ${process.pid}: ${listenersOn(address)[0]!.command}`]);
    // Started after the stop: the port was taken by someone else since.
    expect(leftListening([address], Date.now() - process.uptime() * 1000 - 60_000, () => true)).toEqual([]);
    // Not the cluster's command.
    expect(leftListening([address], Date.now(), () => false)).toEqual([]);
    // Nobody listens there any more.
    await new Promise((resolve) => servers.pop()!.close(resolve));
    expect(leftListening([address], Date.now(), () => true)).toEqual([]);
  });
});

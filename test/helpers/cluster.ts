/**
 * Test-only: programs started as a cluster would be (a Dask scheduler and workers, a Ray head node), each
 * in a process session of its own so that everything they start can be found and stopped, and the TCP
 * ports their processes listen on (Linux /proc), to check that they bind loopback only and that nothing
 * is left listening afterwards.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { killSession, processesInSession } from '../../src/backends/sweep.js';

/** A program started in a session of its own; `stop` SIGKILLs every process left in that session. */
export interface Started {
  session: number;
  stop: () => Promise<void>;
  output: () => string;
}

/** Start `command args` detached (its own session), with output kept for messages. */
export function startDetached(command: string, args: string[], env: Record<string, string> = {}): Started {
  const child = spawn(command, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let text = '';
  child.stdout!.on('data', (d) => (text += d));
  child.stderr!.on('data', (d) => (text += d));
  child.on('error', (e) => (text += String(e)));
  return { session: child.pid!, stop: async () => void (await killSession(child.pid!)), output: () => text };
}

/** Listening TCP sockets (IPv4 and IPv6) by inode: "address:port", from /proc/net/tcp and tcp6. */
function listeningByInode(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f.length < 10 || f[3] !== '0A') continue; // 0A: LISTEN
      const [hex, port] = f[1]!.split(':');
      found.set(f[9]!, `${addressOf(hex!)}:${parseInt(port!, 16)}`);
    }
  }
  return found;
}

/** /proc/net's hex address as text: IPv4 dotted, IPv4-mapped IPv6 as ::ffff:a.b.c.d, other IPv6 as hex groups. */
function addressOf(hex: string): string {
  const v4 = (h: string) => [3, 2, 1, 0].map((i) => parseInt(h.slice(i * 2, i * 2 + 2), 16)).join('.');
  if (hex.length === 8) return v4(hex);
  if (hex.startsWith('0000000000000000FFFF0000')) return `::ffff:${v4(hex.slice(24))}`;
  if (hex === '00000000000000000000000001000000') return '::1';
  return hex;
}

/** "address:port" of every TCP socket the processes of `sessions` listen on. */
export function listeningIn(sessions: number[]): string[] {
  const sockets = listeningByInode();
  const found = new Set<string>();
  for (const pid of sessions.flatMap((s) => processesInSession(s))) {
    let fds: string[] = [];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const inode = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`))?.[1];
        const address = inode ? sockets.get(inode) : undefined;
        if (address) found.add(address);
      } catch {
        // closed meanwhile
      }
    }
  }
  return [...found].sort();
}

/** A process that listens on an address: its pid, command line and start (ms since the epoch). */
export interface Listener {
  pid: number;
  command: string;
  startedMs: number;
}

/** When the machine booted, ms since the epoch (/proc/stat btime). */
function bootMs(): number {
  return Number(/^btime (\d+)$/m.exec(readFileSync('/proc/stat', 'utf8'))![1]) * 1000;
}

/** Every process that holds a listening socket on `address` ("a.b.c.d:port"), found by the socket's inode. */
export function listenersOn(address: string): Listener[] {
  const inodes = new Set([...listeningByInode()].filter(([, a]) => a === address).map(([inode]) => inode));
  if (inodes.size === 0) return [];
  const found: Listener[] = [];
  for (const entry of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const holds = readdirSync(`/proc/${entry}/fd`).some((fd) => inodes.has(/^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${entry}/fd/${fd}`))?.[1] ?? ''));
      if (!holds) continue;
      // Field 22 of stat (after the parenthesised name) is the start in clock ticks (USER_HZ = 100) since boot.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ticks = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
      const command = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ').trim();
      found.push({ pid: Number(entry), command, startedMs: bootMs() + ticks * 10 });
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return found;
}

/**
 * The listeners left on `addresses` by a cluster stopped at `stoppedMs`, one line each ("address by pid N:
 * command"): processes started before the stop whose command is the cluster's (`isClusters`). A port the
 * cluster freed and another program took since is not the cluster's, and is not reported.
 */
export function leftListening(addresses: string[], stoppedMs: number, isClusters: (command: string) => boolean): string[] {
  return addresses.flatMap((address) =>
    listenersOn(address)
      .filter((l) => l.startedMs <= stoppedMs && isClusters(l.command))
      .map((l) => `${address} by pid ${l.pid}: ${l.command}`),
  );
}

/** Loopback: 127.0.0.0/8, ::1 or IPv4-mapped loopback. */
export function isLoopback(address: string): boolean {
  const host = address.slice(0, address.lastIndexOf(':'));
  return host.startsWith('127.') || host === '::1' || host.startsWith('::ffff:127.');
}

/** Resolves when `predicate` holds (polled every 200 ms), rejects after `ms` with `what` and `detail()`. */
export async function waitFor(predicate: () => boolean, ms: number, what: string, detail: () => string = () => ''): Promise<void> {
  for (let waited = 0; !predicate(); waited += 200) {
    if (waited > ms) throw new Error(`${what} within ${ms / 1000} s: ${detail()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

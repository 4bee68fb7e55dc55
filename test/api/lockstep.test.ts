import { spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventEmitter } from 'node:events';
import type { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { Lockstep, LOCKSTEP_FD_ENV, lockstepFromEnv } from '../../src/api/lockstep.js';
import { MAIN } from '../cli/cli.js';

/** A socket stand-in: records what the coordinator writes, and lets the test send bytes or close it. */
class FakeSocket extends EventEmitter {
  written = '';
  write(data: Buffer): boolean {
    this.written += data.toString();
    return true;
  }
  destroy(): void {
    this.emit('close');
  }
  send(text: string): void {
    this.emit('data', Buffer.from(text));
  }
}

function members(names: string[], order = names): { lockstep: Lockstep; sockets: Record<string, FakeSocket>; leave: Record<string, () => void> } {
  const lockstep = new Lockstep(order);
  const sockets: Record<string, FakeSocket> = {};
  const leave: Record<string, () => void> = {};
  for (const name of names) {
    sockets[name] = new FakeSocket();
    leave[name] = lockstep.join(name, sockets[name] as unknown as Socket);
  }
  return { lockstep, sockets, leave };
}

/** Who holds the machine: the members written a `g` more often than they yielded since (here: the last `g` written). */
const gos = (s: FakeSocket) => s.written.split('').filter((c) => c === 'g').length;

describe('Lockstep: one member measures at a time, handing over at every yield', () => {
  it('gives the first grant once every member waits, to the first in order even when the other asked first', () => {
    const { sockets } = members(['reference', 'current'], ['current', 'reference']);
    sockets.reference!.send('y');
    expect([gos(sockets.reference!), gos(sockets.current!)]).toEqual([0, 0]);
    sockets.current!.send('y');
    expect([gos(sockets.reference!), gos(sockets.current!)]).toEqual([0, 1]);
  });

  it('alternates the machine between two members, yield by yield, and counts the hand-overs', () => {
    const { lockstep, sockets } = members(['a', 'b']);
    const { a, b } = sockets as { a: FakeSocket; b: FakeSocket };
    a.send('y');
    b.send('y');
    const holders: string[] = [];
    for (let i = 0; i < 6; i++) {
      const holder = gos(a) > gos(b) ? a : b;
      holders.push(holder === a ? 'a' : 'b');
      holder.send('y');
      // After a yield exactly one member holds the machine.
    }
    expect(holders).toEqual(['a', 'b', 'a', 'b', 'a', 'b']);
    expect(lockstep.handovers).toBe(6);
  });

  it('gives the machine back to the member that yielded when no other waits', () => {
    const { lockstep, sockets } = members(['a', 'b', 'c']);
    for (const name of ['a', 'b', 'c']) sockets[name]!.send('y');
    expect(gos(sockets.a!)).toBe(1);
    sockets.b!.destroy();
    sockets.c!.destroy();
    sockets.a!.send('y');
    expect(gos(sockets.a!)).toBe(2);
    expect(lockstep.handovers).toBe(0);
  });

  it('hands over to the member that has waited longest', () => {
    const { sockets } = members(['a', 'b', 'c']);
    for (const name of ['a', 'b', 'c']) sockets[name]!.send('y');
    const order: string[] = [];
    let holder = 'a';
    for (let i = 0; i < 5; i++) {
      const before = Object.fromEntries(Object.entries(sockets).map(([n, s]) => [n, gos(s)]));
      sockets[holder]!.send('y');
      holder = Object.keys(sockets).find((n) => gos(sockets[n]!) > before[n]!)!;
      order.push(holder);
    }
    expect(order).toEqual(['b', 'c', 'a', 'b', 'c']);
  });

  it('passes the machine on when its holder ends, by its socket closing or its process exiting', () => {
    for (const end of ['close', 'exit'] as const) {
      const { sockets, leave } = members(['a', 'b']);
      sockets.a!.send('y');
      sockets.b!.send('y');
      expect([gos(sockets.a!), gos(sockets.b!)]).toEqual([1, 0]);
      if (end === 'close') sockets.a!.destroy();
      else leave.a!();
      expect(gos(sockets.b!)).toBe(1);
      // From then on b runs alone: each yield comes straight back.
      sockets.b!.send('y');
      expect(gos(sockets.b!)).toBe(2);
    }
  });

  it('starts whoever waits when the first in order ends before it asks (a run that failed to start)', () => {
    const { sockets } = members(['a', 'b']);
    sockets.b!.send('y');
    expect(gos(sockets.b!)).toBe(0);
    sockets.a!.destroy();
    expect(gos(sockets.b!)).toBe(1);
  });

  it('release() closes every member\'s socket', () => {
    const { lockstep, sockets } = members(['a', 'b']);
    let closed = 0;
    for (const s of Object.values(sockets)) s.on('close', () => closed++);
    lockstep.release();
    expect(closed).toBe(2);
  });
});

describe('lockstepFromEnv: the run\'s side of the protocol', () => {
  it('is absent without the variable', () => {
    expect(lockstepFromEnv({})).toBeUndefined();
  });

  it.each(['abc', '2', '-1', '3.5', ''])('refuses %j with one line naming the variable', (value) => {
    expect(() => lockstepFromEnv({ [LOCKSTEP_FD_ENV]: value })).toThrow(
      `${LOCKSTEP_FD_ENV}: "${value}" is not a file descriptor number (an integer 3 or more); it is set by "parbench gate --against" for its runs only`,
    );
  });

  it('parbench run with a bad value: one line naming the variable, exit 2', () => {
    const r = spawnSync(process.execPath, [MAIN, 'run', 'fib', '--backends', 'sequential', '--out', tmpdir()], { env: { ...process.env, [LOCKSTEP_FD_ENV]: 'x' }, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`parbench: ${LOCKSTEP_FD_ENV}: "x" is not a file descriptor number (an integer 3 or more); it is set by "parbench gate --against" for its runs only\n`);
  });

  it('refuses a descriptor that is not an open socket (closed, or a file), and takes the variable out of the environment it read first', () => {
    const env: NodeJS.ProcessEnv = { [LOCKSTEP_FD_ENV]: '987' };
    expect(() => lockstepFromEnv(env)).toThrow(`${LOCKSTEP_FD_ENV}: file descriptor 987 is not an open socket; it is set by "parbench gate --against" for its runs only`);
    expect(env).toEqual({});
    const file = join(mkdtempSync(join(tmpdir(), 'parbench-lockstep-')), 'f');
    writeFileSync(file, '');
    const fd = openSync(file, 'w');
    try {
      const r = spawnSync(process.execPath, [MAIN, 'run', 'fib', '--backends', 'sequential', '--out', tmpdir()], { env: { ...process.env, [LOCKSTEP_FD_ENV]: '3' }, stdio: ['ignore', 'pipe', 'pipe', fd], encoding: 'utf8' });
      expect(r.status).toBe(2);
      expect(r.stderr).toBe(`parbench: ${LOCKSTEP_FD_ENV}: file descriptor 3 is not an open socket; it is set by "parbench gate --against" for its runs only\n`);
      expect(readFileSync(file, 'utf8')).toBe('');
    } finally {
      closeSync(fd);
    }
  });

  // Each child yields once before its steps and after each of three, logging its steps in order.
  const script = `
    import { lockstepFromEnv } from ${JSON.stringify(new URL('../../dist/src/api/lockstep.js', import.meta.url).href)};
    const handOver = lockstepFromEnv(process.env);
    handOver();
    for (let step = 1; step <= 3; step++) { process.stdout.write(process.argv[1] + step + ' '); handOver(); }
  `;
  function runChild(name: string, lockstep: Lockstep, log: string[], then?: () => void): Promise<number | null> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, ['--input-type=module', '-e', script, name], { env: { ...process.env, [LOCKSTEP_FD_ENV]: '3' }, stdio: ['ignore', 'pipe', 'inherit', 'pipe'] });
      const leave = lockstep.join(name, child.stdio[3] as Socket);
      then?.();
      child.stdout!.on('data', (d: Buffer) => log.push(...d.toString().trim().split(' ')));
      child.on('exit', (code) => {
        leave();
        resolve(code);
      });
    });
  }

  it('two processes on one coordinator take strict turns', async () => {
    const lockstep = new Lockstep(['A', 'B']);
    const log: string[] = [];
    expect(await Promise.all([runChild('A', lockstep, log), runChild('B', lockstep, log)])).toEqual([0, 0]);
    expect(log).toEqual(['A1', 'B1', 'A2', 'B2', 'A3', 'B3']);
    // Every grant but the first changed hands: A's last yield waited for B3, and B then held the machine alone.
    expect(lockstep.handovers).toBe(7);
  });

  it('a process whose coordinator is gone runs on alone', async () => {
    const lockstep = new Lockstep(['A']);
    const log: string[] = [];
    expect(await runChild('A', lockstep, log, () => lockstep.release())).toBe(0);
    expect(log).toEqual(['A1', 'A2', 'A3']);
  });
});

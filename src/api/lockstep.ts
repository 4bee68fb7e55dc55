/**
 * Lockstep: several `parbench run` processes that share the machine, one measuring at a time, handing
 * the machine over after every repetition (`gate --against`'s measurement of the reference and the
 * working tree, the same sweep in two processes). A repetition of one side is then taken seconds or less
 * from the same repetition of the other, so the machine's load coming and going hits both alike, as the
 * runner's rounds already do for the backends of one run (Google Benchmark's interleaving, asv
 * `continuous`; here across builds, which cannot share one process).
 *
 * The protocol, over one stream socket per process (the child's file descriptor LOCKSTEP_FD_ENV names):
 * the process writes one byte `y` ("I yield and wait") and blocks reading until it receives one byte
 * `g` ("go"); it does so once before it measures anything and again at every hand-over. The process
 * that holds the machine is the only one not waiting. Closing the socket (a process that ends) gives
 * the machine up for good; a process whose socket reaches end of file (the coordinator is gone) runs on
 * alone. Nothing here reads a clock.
 */
import { fstatSync, readSync, writeSync } from 'node:fs';
import type { Socket } from 'node:net';
import { parbenchError } from '../errors.js';

/** The environment variable naming the file descriptor of a run's lockstep socket (set by the gate only). */
export const LOCKSTEP_FD_ENV = 'PARBENCH_LOCKSTEP_FD';

/** What a child of `gate --against` has in its build when it speaks the protocol: the reference's build is checked for this file. */
export const LOCKSTEP_MODULE = 'dist/src/api/lockstep.js';

const YIELD = 0x79; // 'y'
const GO = 0x67; // 'g'

/** Sleep `ms` milliseconds on the calling thread without the event loop (a non-blocking descriptor's retry). */
function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * The hand-over of a run in lockstep, from the environment: undefined when LOCKSTEP_FD_ENV is unset;
 * otherwise a function that yields the machine and blocks the calling thread until it is given back
 * (see the module's comment). The first call is to be made before anything is measured. Once the
 * coordinator is gone (end of file, a broken socket) every call returns at once. Throws BAD_FLAG (exit
 * 2) when the variable is not a file descriptor number (an integer ≥ 3) or the descriptor is not an
 * open socket. Deletes the variable from `env` first, so processes the run starts do not take the
 * descriptor for theirs.
 */
export function lockstepFromEnv(env: NodeJS.ProcessEnv): (() => void) | undefined {
  const text = env[LOCKSTEP_FD_ENV];
  if (text === undefined) return undefined;
  delete env[LOCKSTEP_FD_ENV];
  const why = 'it is set by "parbench gate --against" for its runs only';
  const fd = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(fd >= 3)) throw parbenchError('BAD_FLAG', LOCKSTEP_FD_ENV, `"${text}" is not a file descriptor number (an integer 3 or more); ${why}`);
  let socket = false;
  try {
    socket = fstatSync(fd).isSocket();
  } catch {
    socket = false;
  }
  if (!socket) throw parbenchError('BAD_FLAG', LOCKSTEP_FD_ENV, `file descriptor ${fd} is not an open socket; ${why}`);
  let alone = false;
  const byte = Buffer.alloc(1);
  return () => {
    if (alone) return;
    try {
      writeSync(fd, Buffer.from([YIELD]));
      for (;;) {
        let n: number;
        try {
          n = readSync(fd, byte, 0, 1, null);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'EAGAIN') {
            pause(1);
            continue;
          }
          throw error;
        }
        if (n === 0) break;
        if (byte[0] === GO) return;
      }
    } catch {
      // A broken socket: the coordinator is gone.
    }
    alone = true;
  };
}

interface Member {
  name: string;
  socket: Socket;
  /** Waiting for the machine since this hand-over number (lower waited longer); undefined while it holds it or before it joined. */
  waitingSince?: number;
  gone: boolean;
}

/**
 * The coordinator's side: the members (one socket each, the child's end of which LOCKSTEP_FD_ENV names)
 * take the machine in turn. When the holder yields, the machine goes to the member that has waited
 * longest among the others, or back to the holder when no other waits; when the holder's socket closes,
 * to the longest waiting. The first grant waits until every member waits or has ended, and goes to the
 * first member in `order` (so the rounds' ABBA order holds), or to whoever waits when it has ended. A
 * member that never speaks the protocol therefore runs alone and the others start after it ends.
 * Throws nothing; counts hand-overs.
 */
export class Lockstep {
  private readonly members: Member[] = [];
  private holder: Member | undefined;
  /** The member that held the machine last (a hand-over is a grant to another). */
  private last: Member | undefined;
  private started = false;
  private ticks = 0;
  /** Times the machine changed hands between members. */
  handovers = 0;

  /** `order`: the members' names, the first to hold the machine first. */
  constructor(private readonly order: readonly string[]) {}

  /**
   * Add a member on its socket: every `y` it sends is a yield; its socket closing is its end. Returns
   * the member's end, to call when its process exits (a process the member started may hold the socket
   * open after it).
   */
  join(name: string, socket: Socket): () => void {
    const member: Member = { name, socket, gone: false };
    this.members.push(member);
    socket.on('data', (chunk: Buffer) => {
      for (const b of chunk) if (b === YIELD) this.yielded(member);
    });
    const leave = () => this.leave(member);
    socket.on('close', leave);
    socket.on('error', leave);
    return leave;
  }

  /** End every member's socket: each then runs on alone (an interrupted gate lets its children stop). */
  release(): void {
    for (const m of this.members) m.socket.destroy();
  }

  private yielded(member: Member): void {
    if (member.gone) return;
    member.waitingSince = this.ticks++;
    if (this.holder === member) this.holder = undefined;
    this.grant(member);
  }

  private leave(member: Member): void {
    if (member.gone) return;
    member.gone = true;
    member.waitingSince = undefined;
    if (this.holder === member) this.holder = undefined;
    this.grant(undefined);
  }

  /** Give the machine to the next member when nobody holds it; `from` the member that just yielded. */
  private grant(from: Member | undefined): void {
    if (this.holder) return;
    const waiting = this.members.filter((m) => !m.gone && m.waitingSince !== undefined);
    if (waiting.length === 0) return;
    let next: Member | undefined;
    if (!this.started) {
      // Nobody starts before every member is ready (waits or has ended), so their runs start together.
      if (this.members.some((m) => !m.gone && m.waitingSince === undefined)) return;
      const first = this.members.find((m) => m.name === this.order[0] && !m.gone);
      next = first ?? waiting[0];
      this.started = true;
    } else {
      const others = waiting.filter((m) => m !== from).sort((x, y) => x.waitingSince! - y.waitingSince!);
      next = others[0] ?? from;
    }
    if (!next) return;
    if (this.last !== undefined && next !== this.last) this.handovers++;
    next.waitingSince = undefined;
    this.holder = next;
    this.last = next;
    next.socket.write(Buffer.from([GO]));
  }
}

/**
 * Busy work of a known number of rounds: integer arithmetic, never a sleep (a sleep overshoots short
 * waits and leaves the CPU idle, which is not what a runtime's overhead does). `--inject-overhead`
 * makes each task of an executor backend do calibrated rounds of it before its kernel, a test of the
 * gate's sensitivity; the machine probe times slices of it.
 */

let sink = 0;

/**
 * Run `rounds` rounds of a linear congruential step (a few nanoseconds each); the result goes to a
 * module variable, so the loop cannot be optimised away. Throws nothing.
 */
export function busyWork(rounds: number): void {
  let x = sink;
  for (let i = 0; i < rounds; i++) x = (x * 1_103_515_245 + 12_345) % 2_147_483_648;
  sink = x;
}

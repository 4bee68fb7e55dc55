// Package driver is parbench's Go driver: the driver protocol (docs/drivers.md, version 1) over stdio,
// calibration, the sequential reference and the backends go-sequential, go-goroutines and go-pool.
package driver

import (
	"os"
	"sync/atomic"
	"time"
)

// Liveness for the runner: tasks completed so far, counted where they complete, and a heartbeat that
// reports them once a second, so a stalled backend shows up as silence on the pipe. The count is kept
// in 64 cache-line-padded slots chosen by task index, written with plain atomic loads and stores (no
// read-modify-write): two goroutines racing on one slot may lose an increment, which liveness does not
// mind, and no goroutine waits for another's cache line on every task.

type slot struct {
	n atomic.Uint64
	_ [56]byte
}

var slots [64]slot

// Heartbeat modes.
const (
	Idle int32 = iota // nothing in flight: silent
	Plan              // a plan request: an "alive" event every second
	Run               // a run request: a "progress" event every second in which tasks completed
)

var mode atomic.Int32

// Tick counts one completed task.
func Tick(index int) {
	s := &slots[index&63].n
	s.Store(s.Load() + 1)
}

// Completed is the tasks completed so far (approximately).
func Completed() uint64 {
	var total uint64
	for i := range slots {
		total += slots[i].n.Load()
	}
	return total
}

// SetMode sets what the heartbeat reports: Idle, Plan or Run.
func SetMode(m int32) { mode.Store(m) }

// StartHeartbeat starts the heartbeat: every second it exits the process when the parent has changed
// (parbench is gone), else emits an "alive" event in Plan mode or a "progress" event in Run mode when
// tasks completed since the last one.
func StartHeartbeat(emit func(map[string]any)) {
	parent := os.Getppid()
	go func() {
		seen := Completed()
		for range time.Tick(time.Second) {
			if os.Getppid() != parent {
				os.Exit(1)
			}
			now := Completed()
			switch mode.Load() {
			case Plan:
				emit(map[string]any{"event": "alive"})
			case Run:
				if now != seen {
					emit(map[string]any{"event": "progress", "completed": now})
				}
			}
			seen = now
		}
	}()
}

// Command parbench-go-driver is parbench's Go driver: it speaks the driver protocol (docs/drivers.md,
// version 1) over stdio, one JSON request per line on stdin and one JSON reply per request on stdout
// (events may come before it):
//
//	{"op": "hello"} -> {"ok": true, "protocol": 1, "runtime", "suites", "backends"}
//	{"op": "plan", suite, params, seed, grain, minSampleSeconds, warmup, repeats[, knob][, maxTasks]}
//	{"op": "run", backend, workers, suite, params, seed, knob, warmup, repeats[, maxTasks]}
//	{"op": "exit"}
//
// A failure replies {"ok": false, "code": "BAD_REQUEST" | "TASK_FAILED", "message": one line}. End of
// input or exit ends the driver; SIGTERM ends it at once (it starts no process, so nothing outlives it).
package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"sync"

	"parbench/native/go/driver"
)

var out sync.Mutex

// send writes one message as one line on stdout, whole, whatever goroutine sends it.
func send(message map[string]any) {
	line, err := json.Marshal(message)
	if err != nil {
		line, _ = json.Marshal(failure("TASK_FAILED", err.Error()))
	}
	out.Lock()
	defer out.Unlock()
	os.Stdout.Write(append(line, '\n'))
}

func failure(code, message string) map[string]any {
	first, _, _ := strings.Cut(message, "\n")
	return map[string]any{"ok": false, "code": code, "message": first}
}

func handle(request driver.Request) (reply map[string]any) {
	defer func() {
		if p := recover(); p != nil {
			reply = failure("TASK_FAILED", fmt.Sprintf("the driver panicked: %v", p))
		}
	}()
	op, _ := request["op"].(string)
	switch op {
	case "hello":
		return driver.Hello()
	case "plan", "run":
		reply, err := driver.Handle(op, request, send)
		if err != nil {
			return failure("TASK_FAILED", err.Error())
		}
		return reply
	}
	return failure("BAD_REQUEST", fmt.Sprintf("unknown op %q (allowed: hello, plan, run, exit)", op))
}

func main() {
	driver.StartHeartbeat(send)
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<26)
	for in.Scan() {
		line := strings.TrimSpace(in.Text())
		if line == "" {
			continue
		}
		var request driver.Request
		if err := json.Unmarshal([]byte(line), &request); err != nil {
			send(failure("BAD_REQUEST", err.Error()))
			continue
		}
		if request["op"] == "exit" {
			return
		}
		if request["op"] == "plan" {
			driver.SetMode(driver.Plan)
		} else {
			driver.SetMode(driver.Run)
		}
		reply := handle(request)
		driver.SetMode(driver.Idle)
		send(reply)
	}
}

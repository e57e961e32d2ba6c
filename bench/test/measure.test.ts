import { describe, expect, it } from "vitest";
import { interleavedSamples, pairedRatio, settle, stats } from "../src/measure.js";

describe("pairedRatio", () => {
  it("is the median of the per-round ratios, not the ratio of the medians", () => {
    // Round 2 was slowed down for both tasks alike: paired, it changes nothing.
    const large = [20, 60, 22, 21, 19];
    const small = [10, 30, 11, 10, 10];
    expect(pairedRatio(large, small)).toBe(2);
    expect(stats(large).median / stats(small).median).toBeCloseTo(2.1);
  });

  it("refuses samples of different lengths or none", () => {
    expect(() => pairedRatio([1, 2], [1])).toThrow(/one length/);
    expect(() => pairedRatio([], [])).toThrow(/one length/);
  });
});

describe("interleavedSamples", () => {
  it("runs the tasks in turn, round after round, and keeps the rounds after warm-up in order", async () => {
    const order: string[] = [];
    let tick = 0;
    const clock = () => tick++;
    const samples = await interleavedSamples({ a: () => order.push("a"), b: () => order.push("b") }, 3, 1, clock);
    expect(order).toEqual(["a", "b", "a", "b", "a", "b", "a", "b"]);
    expect(samples.a).toHaveLength(3);
    expect(samples.b).toHaveLength(3);
  });
});

describe("settle", () => {
  /** A process whose helper threads burn `busy[i]` ms of CPU during the i-th window slept through. */
  const process = (busy: number[]) => {
    let cpu = 0;
    let slept = 0;
    return { clock: () => cpu, sleep: async () => void (cpu += busy[slept++] ?? 0), slept: () => slept };
  };

  it("waits out the windows in which the process still used CPU, and stops at the first idle one", async () => {
    const p = process([6, 3, 0.8, 0.1, 5]);
    expect(await settle({ clock: p.clock, sleep: p.sleep, idleMs: 0.25 })).toBe(4);
    expect(p.slept()).toBe(4);
  });

  it("gives up after maxWindows on a process that never goes idle", async () => {
    const p = process(Array(100).fill(2));
    expect(await settle({ clock: p.clock, sleep: p.sleep, maxWindows: 7 })).toBe(7);
    expect(p.slept()).toBe(7);
  });
});

import { describe, expect, it } from "vitest";
import { interleavedSamples, pairedRatio, stats } from "../src/measure.js";

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

import { describe, expect, it } from "vitest";
import { taskSlots } from "../../app/utils/task-slots";

describe("task slots", () => {
  it("runs at most `size` tasks at once, the others in the order they came, and frees a slot when a task fails", async () => {
    const slots = taskSlots(2);
    let running = 0;
    let most = 0;
    const order: number[] = [];
    const task = (n: number, fail = false) =>
      slots.run(async () => {
        running += 1;
        most = Math.max(most, running);
        await new Promise((r) => setTimeout(r, 5));
        running -= 1;
        order.push(n);
        if (fail) throw new Error(`task ${n}`);
        return n;
      });
    const results = await Promise.allSettled([task(1), task(2, true), task(3), task(4), task(5)]);
    expect(most).toBe(2);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled", "fulfilled", "fulfilled"]);
    expect(order.slice(2)).toEqual([3, 4, 5]);
  });
});

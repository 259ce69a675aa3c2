import { createServer, type AddressInfo } from "node:net";

/**
 * A TCP port on 127.0.0.1 that nothing listens on now, for a test that starts a server of its own. A fixed
 * port can be taken by another run on the same machine (or by a server a failed run left behind), and then
 * the health check would answer for that other server instead of this test's.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

import net from "node:net";

/**
 * A loopback TCP proxy a test puts between the server and its database, to
 * play the network's faults without touching the database server:
 * `freeze()` stops every byte in both directions while keeping the
 * connections open (a partition: no reset, no answer, new connections hang
 * after the TCP handshake), `cut()` resets every connection and refuses new
 * ones (the database stopped), `restore()` heals both.
 */
export interface TcpProxy {
  /** `target` with the proxy's host and port in it. */
  url: string;
  freeze(): void;
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

export async function startTcpProxy(targetUrl: string): Promise<TcpProxy> {
  const target = new URL(targetUrl);
  const pairs = new Set<[net.Socket, net.Socket]>();
  let state: "open" | "frozen" | "cut" = "open";
  const server = net.createServer((client) => {
    if (state === "cut") {
      client.resetAndDestroy();
      return;
    }
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    const pair: [net.Socket, net.Socket] = [client, upstream];
    pairs.add(pair);
    const end = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on("error", end).on("close", end);
    upstream.on("error", end).on("close", end);
    client.pipe(upstream);
    upstream.pipe(client);
    if (state === "frozen") freezePair(pair);
  });
  // Paused sockets read nothing, so the peers' bytes wait in the kernel as they would behind a partition.
  const freezePair = ([client, upstream]: [net.Socket, net.Socket]) => {
    client.unpipe(upstream).pause();
    upstream.unpipe(client).pause();
  };
  const cut = () => {
    state = "cut";
    for (const [client, upstream] of pairs) {
      client.resetAndDestroy();
      upstream.destroy();
    }
    pairs.clear();
  };
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  const url = new URL(targetUrl);
  url.hostname = "127.0.0.1";
  url.port = String(port);
  return {
    url: url.toString(),
    freeze() {
      state = "frozen";
      for (const pair of pairs) freezePair(pair);
    },
    cut,
    restore() {
      state = "open";
      for (const [client, upstream] of pairs) {
        client.pipe(upstream);
        upstream.pipe(client);
      }
    },
    async close() {
      cut();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

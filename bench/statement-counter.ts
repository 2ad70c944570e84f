import net from "node:net";

/*
 * A loopback TCP proxy in front of PostgreSQL that counts the statements a
 * server sends: Query ('Q', simple protocol) and Execute ('E', extended
 * protocol) messages of the frontend/backend protocol. It needs nothing from
 * the server (no pg_stat_statements, no setting changed) and counts what
 * each client really sends, whatever its driver.
 */

// Untyped first messages: SSLRequest and GSSENCRequest come before the StartupMessage.
const PRE_STARTUP_CODES = new Set([80877103, 80877104]);

export interface StatementCounter {
  /** A copy of `databaseUrl` that goes through the proxy. */
  url: string;
  /** Statements counted since the proxy started. */
  count(): number;
  close(): Promise<void>;
}

/** Counts the statements of one client connection while forwarding its bytes unchanged. */
class FrontendParser {
  private buffer = Buffer.alloc(0);
  private startupDone = false;

  constructor(private readonly onStatement: () => void) {}

  push(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerLength = this.startupDone ? 5 : 4;
      if (this.buffer.length < headerLength) return;
      const length = this.startupDone ? this.buffer.readInt32BE(1) + 1 : this.buffer.readInt32BE(0);
      if (this.buffer.length < length) return;
      if (this.startupDone) {
        const type = String.fromCharCode(this.buffer[0]);
        if (type === "Q" || type === "E") this.onStatement();
      } else if (!PRE_STARTUP_CODES.has(this.buffer.readInt32BE(4))) {
        this.startupDone = true;
      }
      this.buffer = this.buffer.subarray(length);
    }
  }
}

/** Starts a counting proxy to the server of `databaseUrl` on a free loopback port. */
export async function startStatementCounter(databaseUrl: string): Promise<StatementCounter> {
  const upstream = new URL(databaseUrl);
  let statements = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const parser = new FrontendParser(() => (statements += 1));
    const backend = net.connect(Number(upstream.port || 5432), upstream.hostname);
    for (const socket of [client, backend]) {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
      socket.on("error", () => undefined);
    }
    client.on("data", (chunk: Buffer) => {
      parser.push(chunk);
      backend.write(chunk);
    });
    backend.pipe(client);
    client.on("close", () => backend.destroy());
    backend.on("close", () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const proxied = new URL(databaseUrl);
  proxied.hostname = "127.0.0.1";
  proxied.port = String((server.address() as net.AddressInfo).port);
  return {
    url: proxied.toString(),
    count: () => statements,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

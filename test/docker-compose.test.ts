import { readFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "yaml";
import { loadConfig } from "../src/config";

// No Docker engine runs on the project's machines: the compose file is
// checked by parsing it, and its app settings through the app's own config.
describe("docker-compose.yml", () => {
  let compose: any;

  beforeAll(async () => {
    compose = parse(await readFile(path.join(__dirname, "..", "docker-compose.yml"), "utf8"));
  });

  it("runs the official postgres image on a named volume with a healthcheck", () => {
    const postgres = compose.services.postgres;
    expect(postgres.image).toMatch(/^postgres:\d+/);
    const [volume] = postgres.volumes[0].split(":");
    expect(Object.keys(compose.volumes)).toContain(volume);
    expect(postgres.healthcheck.test.join(" ")).toContain("pg_isready");
  });

  it("starts the app once postgres is healthy, with settings the app accepts", () => {
    const app = compose.services.app;
    expect(app.depends_on.postgres.condition).toBe("service_healthy");
    const config = loadConfig(app.environment);
    expect(new URL(config.databaseUrl!).host).toBe("postgres:5432");
    expect(app.ports).toContain(`${config.port}:${config.port}`);
    expect(config.host).toBe("0.0.0.0");
  });
});

import { describe, expect, it } from "vitest";
import { DatabaseStartupError, openDatabase } from "../../db/database";
import { ENGINES } from "./support/test-database";

async function startupMessage(connectionString: string): Promise<string> {
  try {
    const database = await openDatabase({ engine: "postgres", connectionString });
    await database.close();
  } catch (error) {
    expect(error).toBeInstanceOf(DatabaseStartupError);
    return (error as Error).message;
  }
  throw new Error("openDatabase should have refused " + connectionString);
}

describe("opening a PostgreSQL server from DATABASE_URL", () => {
  it("refuses a URL that is not a postgres:// URL, in one line", async () => {
    const message = await startupMessage("mysql://root@127.0.0.1/grants");
    expect(message).toMatch(/postgres:\/\//);
    expect(message).not.toContain("\n");
  });

  it("refuses text that is not a URL at all", async () => {
    expect(await startupMessage("not a url")).toMatch(/接続URLとして読めません/);
  });

  it("says the server refused the connection, without the password", async () => {
    const message = await startupMessage("postgres://grants:s3cret-pass@127.0.0.1:1/grants");
    expect(message).toMatch(/接続できません/);
    expect(message).toMatch(/接続を拒否されました/);
    expect(message).toContain("127.0.0.1:1");
    expect(message).not.toContain("s3cret-pass");
    expect(message).not.toContain("\n");
  });
});

describe.each(ENGINES.filter((engine) => engine === "postgres"))("%s: opening a server that answers", () => {
  it("says when the database does not exist", async () => {
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = "/no_such_database_for_grants";
    expect(await startupMessage(url.toString())).toMatch(/データベースが存在しません/);
  });

  it("opens the database the URL names", async () => {
    const database = await openDatabase({ engine: "postgres", connectionString: process.env.TEST_DATABASE_URL! });
    expect(database.engine).toBe("postgres");
    await database.close();
  });
});

// The MCP TypeScript SDK is an optional peer of memwire: `memwire mcp` loads it only when run, and
// says what to install when it is not there instead of Node's bare "Cannot find package".

/** The parts of the SDK `memwire mcp` uses. */
export interface McpSdk {
  McpServer: typeof import('@modelcontextprotocol/server').McpServer;
  serveStdio: typeof import('@modelcontextprotocol/server/stdio').serveStdio;
}

/** What `memwire mcp` says when the SDK is not installed. */
export const MCP_SDK_MISSING = `memwire mcp needs the MCP TypeScript SDK v2 (@modelcontextprotocol/server), an optional peer dependency of memwire. Install it beside memwire:

  npm install @modelcontextprotocol/server

or run both without installing:

  npx -y -p memwire -p @modelcontextprotocol/server memwire mcp`;

const importSdk = async (): Promise<McpSdk> => {
  const [{ McpServer }, { serveStdio }] = await Promise.all([
    import('@modelcontextprotocol/server'),
    import('@modelcontextprotocol/server/stdio'),
  ]);
  return { McpServer, serveStdio };
};

/**
 * The SDK, or {@link MCP_SDK_MISSING} when the package cannot be found. Any other failure (a
 * dependency of the SDK missing, a broken install) is thrown as it is: it names what is wrong.
 */
export async function loadMcpSdk(
  load: () => Promise<McpSdk> = importSdk,
): Promise<{ ok: true; sdk: McpSdk } | { ok: false; message: string }> {
  try {
    return { ok: true, sdk: await load() };
  } catch (error) {
    if (!isSdkMissing(error)) throw error;
    return { ok: false, message: MCP_SDK_MISSING };
  }
}

/** Node's error for the SDK's own package missing (`Cannot find package '@modelcontextprotocol/server' imported from …`). */
function isSdkMissing(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return (
    (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') &&
    typeof message === 'string' &&
    /Cannot find (package|module) '@modelcontextprotocol\/server(\/stdio)?'/.test(message)
  );
}

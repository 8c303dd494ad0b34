/**
 * Something a source noticed that does not stop it: a token file others can read, or a token
 * found in a legacy location. Never contains a credential.
 */
export type AuthWarning =
  | {
      type: 'insecure-permissions';
      /** Absolute path of the file. */
      path: string;
      /** The file's permission bits, e.g. `0o644`. */
      mode: number;
      message: string;
    }
  | {
      type: 'legacy-location';
      /** Absolute path of the legacy file the credential came from. */
      path: string;
      message: string;
    };

/** Receives {@link AuthWarning}s. The default, {@link warnOnConsole}, prints them with `console.warn`. */
export type AuthWarningHandler = (warning: AuthWarning) => void;

/** The default warning handler: one `console.warn` line per warning. */
export const warnOnConsole: AuthWarningHandler = (warning) => {
  console.warn(`[@switchyard/auth] ${warning.message}`);
};

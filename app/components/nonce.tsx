import { createContext, useContext } from "react";

/** The Content-Security-Policy nonce of this response, given to Remix's inline scripts. Empty in the browser. */
const NonceContext = createContext("");
export const NonceProvider = NonceContext.Provider;
export const useNonce = () => useContext(NonceContext);

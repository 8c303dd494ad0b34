/** An HTTP token (RFC 9110): what a header name, or an auth scheme such as `Bearer`, must be. */
export const HEADER_TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

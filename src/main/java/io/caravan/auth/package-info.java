/**
 * Who is calling (docs/http-api.md#authentication): API keys from a key file, OIDC/JWT bearer tokens checked with
 * Nimbus JOSE+JWT, the {@link io.caravan.auth.Identity} each resolves to (principal, ACL groups, role), the throttle
 * on failed credentials and the audit log. Below the channels and the config binders, which use it; it uses only
 * {@code json}, {@code throttle} (its 429) and {@code index} (the every-group marker of an admin's search).
 */
package io.caravan.auth;

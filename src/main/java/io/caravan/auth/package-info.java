/**
 * Who is calling (docs/http-api.md#authentication): API keys from a key file, OIDC/JWT bearer tokens, the
 * {@link io.caravan.auth.Identity} each resolves to (principal, ACL groups, role), and the throttle on failed
 * credentials. Depends only on {@code json}; the channels and the config binders use it.
 */
package io.caravan.auth;

package io.caravan.config;

import io.caravan.ingest.AclRules;
import java.nio.file.Path;
import java.util.List;

/**
 * The document sources' keys that beans need ({@code caravan.sources.*}); the routes read enablement, folders and
 * intervals as placeholders.
 *
 * @param file    the file share
 * @param s3      the S3 bucket
 * @param mailbox the documents mailbox
 */
public record SourceSettings(FileShare file, S3Bucket s3, Mailbox mailbox) {

    /**
     * @param path            the share's root folder
     * @param mirror          whether files stay where users put them (else moved to {@code .done/} or
     *                        {@code .error/})
     * @param acl             the ACL groups of its documents that no rule matches
     * @param maxTrackedFiles files remembered as seen at most
     * @param aclRules        the rules choosing a document's ACL by its relative path, parsed
     */
    public record FileShare(Path path, boolean mirror, List<String> acl, int maxTrackedFiles, AclRules aclRules) {
    }

    /**
     * @param bucket    the bucket's name
     * @param prefix    the key prefix read, or {@code null} for all
     * @param region    the bucket's region
     * @param endpoint  an S3-compatible server's URL, or {@code null} for AWS
     * @param accessKey the access key, or {@code null} for the default credentials chain
     * @param secretKey the secret key, or {@code null}
     * @param acl       the ACL groups of its documents that no rule matches
     * @param aclRules  the rules choosing a document's ACL by its object key, parsed
     */
    public record S3Bucket(String bucket, String prefix, String region, String endpoint, String accessKey,
                           String secretKey, List<String> acl, AclRules aclRules) {
        @Override
        public String toString() {
            // never print the secret
            return "S3Bucket[bucket=" + bucket + ", prefix=" + prefix + ", region=" + region + ", endpoint="
                    + endpoint + ", accessKey=" + accessKey + ", acl=" + acl + ", aclRules=" + aclRules + "]";
        }
    }

    /**
     * @param username the mailbox's user, or {@code null}
     * @param password its password, or {@code null}
     * @param acl      the ACL groups of its documents
     */
    public record Mailbox(String username, String password, List<String> acl) {
        @Override
        public String toString() {
            // never print the password
            return "Mailbox[username=" + username + ", acl=" + acl + "]";
        }
    }

    static SourceSettings read(Settings settings) {
        List<String> fileAcl = settings.list("caravan.sources.file.acl");
        List<String> s3Acl = settings.list("caravan.sources.s3.acl");
        return new SourceSettings(
                new FileShare(settings.path("caravan.sources.file.path"), settings.bool("caravan.sources.file.mirror"),
                        fileAcl, settings.integer("caravan.sources.file.max-tracked-files"),
                        rules(settings, "caravan.sources.file.acl-rules", fileAcl)),
                new S3Bucket(settings.string("caravan.sources.s3.bucket"),
                        settings.optional("caravan.sources.s3.prefix"), settings.string("caravan.sources.s3.region"),
                        settings.optional("caravan.sources.s3.endpoint"),
                        settings.optional("caravan.sources.s3.access-key"),
                        settings.optional("caravan.sources.s3.secret-key"), s3Acl,
                        rules(settings, "caravan.sources.s3.acl-rules", s3Acl)),
                new Mailbox(settings.optional("caravan.sources.mail.username"),
                        settings.optional("caravan.sources.mail.password"), settings.list("caravan.sources.mail.acl")));
    }

    // read once at start: a rule change takes a restart, whose start-up reconcile re-labels (docs/configuration.md)
    private static AclRules rules(Settings settings, String key, List<String> defaultAcl) {
        return AclRules.parse(key, settings.optional(key), defaultAcl);
    }
}

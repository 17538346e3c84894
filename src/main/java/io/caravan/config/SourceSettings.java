package io.caravan.config;

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
     * @param acl             the ACL groups of its documents
     * @param maxTrackedFiles files remembered as seen at most
     */
    public record FileShare(Path path, boolean mirror, List<String> acl, int maxTrackedFiles) {
    }

    /**
     * @param bucket    the bucket's name
     * @param prefix    the key prefix read, or {@code null} for all
     * @param region    the bucket's region
     * @param endpoint  an S3-compatible server's URL, or {@code null} for AWS
     * @param accessKey the access key, or {@code null} for the default credentials chain
     * @param secretKey the secret key, or {@code null}
     * @param acl       the ACL groups of its documents
     */
    public record S3Bucket(String bucket, String prefix, String region, String endpoint, String accessKey,
                           String secretKey, List<String> acl) {
        @Override
        public String toString() {
            // never print the secret
            return "S3Bucket[bucket=" + bucket + ", prefix=" + prefix + ", region=" + region + ", endpoint="
                    + endpoint + ", accessKey=" + accessKey + ", acl=" + acl + "]";
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
        return new SourceSettings(
                new FileShare(settings.path("caravan.sources.file.path"), settings.bool("caravan.sources.file.mirror"),
                        settings.list("caravan.sources.file.acl"),
                        settings.integer("caravan.sources.file.max-tracked-files")),
                new S3Bucket(settings.string("caravan.sources.s3.bucket"),
                        settings.optional("caravan.sources.s3.prefix"), settings.string("caravan.sources.s3.region"),
                        settings.optional("caravan.sources.s3.endpoint"),
                        settings.optional("caravan.sources.s3.access-key"),
                        settings.optional("caravan.sources.s3.secret-key"), settings.list("caravan.sources.s3.acl")),
                new Mailbox(settings.optional("caravan.sources.mail.username"),
                        settings.optional("caravan.sources.mail.password"), settings.list("caravan.sources.mail.acl")));
    }
}

package io.caravan.config;

import io.caravan.ingest.AclRelabeller;
import io.caravan.ingest.FileShareReconciler;
import io.caravan.ingest.FileSourceReader;
import io.caravan.ingest.SourceAcls;
import io.caravan.ingest.UploadAcls;
import io.caravan.ingest.mail.MailboxReader;
import io.caravan.ingest.s3.S3BucketReconciler;
import io.caravan.ingest.s3.S3Clients;
import io.caravan.ingest.s3.S3ObjectReader;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import software.amazon.awssdk.services.s3.S3Client;

import java.util.Map;

/**
 * The beans of the document sources ({@code source-file}, {@code source-s3}, {@code source-mail}). Bound even when a
 * source is off: its route's endpoints name them, and building them connects to nothing.
 */
final class SourceBeans {

    private SourceBeans() {
    }

    /** @return the ACL each source gives a docId, for the quarantine */
    static SourceAcls bind(Registry registry, SourceSettings sources, long maxFileSize, CoreBeans core) {
        SourceSettings.FileShare file = sources.file();
        // one for the pipeline and both reconcilers, so a document they all see changed is re-labelled once
        AclRelabeller relabeller = new AclRelabeller(core.index(), core.ledger());
        registry.bind("aclRelabeller", relabeller);
        UploadAcls uploads = new UploadAcls(file.path());
        FileSourceReader fileReader = new FileSourceReader(maxFileSize, file.aclRules(), uploads);
        registry.bind("uploadAcls", uploads);
        registry.bind("fileSourceReader", fileReader);
        registry.bind("fileSourceSeen", MemoryIdempotentRepository.memoryIdempotentRepository(
                file.maxTrackedFiles()));
        registry.bind("fileShareReconciler", new FileShareReconciler(file.path(), file.mirror(), core.index(),
                core.ledger(), fileReader, uploads, relabeller));

        SourceSettings.S3Bucket s3 = sources.s3();
        S3Client client = S3Clients.create(s3.region(), s3.endpoint(), s3.accessKey(), s3.secretKey());
        S3ObjectReader s3Reader = new S3ObjectReader(s3.bucket(), maxFileSize, s3.aclRules(), core.ledger());
        registry.bind("s3Client", client);
        registry.bind("s3ObjectReader", s3Reader);
        registry.bind("s3BucketReconciler", new S3BucketReconciler(client, s3.bucket(), s3.prefix(), core.index(),
                core.ledger(), s3Reader, relabeller));

        SourceSettings.Mailbox mailbox = sources.mailbox();
        registry.bind("mailboxReader", new MailboxReader(mailbox.username() == null ? "mailbox" : mailbox.username(),
                mailbox.acl()));
        return new SourceAcls(Map.of(FileSourceReader.SOURCE, fileReader::aclOf,
                S3ObjectReader.SOURCE, s3Reader::aclOfDocId));
    }
}

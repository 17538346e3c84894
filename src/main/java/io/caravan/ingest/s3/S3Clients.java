package io.caravan.ingest.s3;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URI;

/** Builds the one S3 client the S3 source route and its reconciler share. */
public final class S3Clients {

    private S3Clients() {
    }

    /**
     * A client for {@code region}; with an {@code endpoint} (MinIO, S3Proxy, Ceph) it uses path-style addressing;
     * with no keys it uses the default AWS credentials chain (environment, profile, instance role).
     */
    public static S3Client create(String region, String endpoint, String accessKey, String secretKey) {
        AwsCredentialsProvider credentials = accessKey == null
                ? DefaultCredentialsProvider.builder().build()
                : StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey));
        var builder = S3Client.builder().region(Region.of(region)).credentialsProvider(credentials)
                // checksums only where S3 demands them: S3-compatible stores do not all speak the newer trailers
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        if (endpoint != null) {
            builder.endpointOverride(URI.create(endpoint)).forcePathStyle(true);
        }
        return builder.build();
    }
}

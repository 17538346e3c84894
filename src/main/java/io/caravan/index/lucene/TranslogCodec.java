package io.caravan.index.lucene;

import io.caravan.index.Chunk;
import io.caravan.index.DocumentChunks;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The binary form of one translog operation: a batch of document replacements or one delete. Hand-written with
 * {@link DataOutputStream} because the record is small, fixed and hot (one per write): no reflection, no text
 * form of 384 floats. Pure and thread safe.
 */
final class TranslogCodec {

    private static final byte UPSERT = 1;
    private static final byte DELETE = 2;
    private static final int FORMAT = 1;

    private TranslogCodec() {
    }

    /** One operation read back from the translog. */
    sealed interface Operation permits Upsert, Delete {
    }

    /** Replace the chunks of these documents (an empty document deletes). */
    record Upsert(List<DocumentChunks> documents) implements Operation {
    }

    /** Remove every chunk of a document. */
    record Delete(String docId) implements Operation {
    }

    static byte[] upsert(List<DocumentChunks> documents) {
        return encode(out -> {
            out.writeByte(UPSERT);
            out.writeInt(documents.size());
            for (DocumentChunks document : documents) {
                writeString(out, document.docId());
                writeString(out, document.contentHash());
                out.writeInt(document.chunks().size());
                for (Chunk chunk : document.chunks()) {
                    writeChunk(out, chunk);
                }
            }
        });
    }

    static byte[] delete(String docId) {
        return encode(out -> {
            out.writeByte(DELETE);
            writeString(out, docId);
        });
    }

    static Operation decode(byte[] payload) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload));
        int format = in.readUnsignedByte();
        if (format != FORMAT) {
            throw new IOException("unknown translog record format " + format);
        }
        byte type = in.readByte();
        if (type == DELETE) {
            return new Delete(readString(in));
        }
        if (type != UPSERT) {
            throw new IOException("unknown translog operation " + type);
        }
        int count = in.readInt();
        List<DocumentChunks> documents = new ArrayList<>(count);
        for (int d = 0; d < count; d++) {
            String docId = readString(in);
            String contentHash = readString(in);
            int chunks = in.readInt();
            List<Chunk> list = new ArrayList<>(chunks);
            for (int c = 0; c < chunks; c++) {
                list.add(readChunk(in));
            }
            documents.add(new DocumentChunks(docId, contentHash, list));
        }
        return new Upsert(documents);
    }

    private static void writeChunk(DataOutputStream out, Chunk chunk) throws IOException {
        writeString(out, chunk.chunkId());
        writeString(out, chunk.docId());
        writeString(out, chunk.source());
        writeString(out, chunk.title());
        writeString(out, chunk.content());
        writeString(out, chunk.section());
        out.writeInt(chunk.page() == null ? -1 : chunk.page());
        out.writeInt(chunk.chunkIndex());
        writeString(out, chunk.contentHash());
        writeString(out, chunk.mimeType());
        out.writeInt(chunk.acl().size());
        for (String group : chunk.acl()) {
            writeString(out, group);
        }
        writeInstant(out, chunk.modifiedAt());
        writeInstant(out, chunk.ingestedAt());
        float[] embedding = chunk.embedding();
        out.writeInt(embedding == null ? -1 : embedding.length);
        if (embedding != null) {
            for (float v : embedding) {
                out.writeFloat(v);
            }
        }
        writeString(out, chunk.embeddingModel());
    }

    private static Chunk readChunk(DataInputStream in) throws IOException {
        String chunkId = readString(in);
        String docId = readString(in);
        String source = readString(in);
        String title = readString(in);
        String content = readString(in);
        String section = readString(in);
        int page = in.readInt();
        int chunkIndex = in.readInt();
        String contentHash = readString(in);
        String mimeType = readString(in);
        int groups = in.readInt();
        List<String> acl = new ArrayList<>(groups);
        for (int i = 0; i < groups; i++) {
            acl.add(readString(in));
        }
        Instant modifiedAt = readInstant(in);
        Instant ingestedAt = readInstant(in);
        int dims = in.readInt();
        float[] embedding = null;
        if (dims >= 0) {
            embedding = new float[dims];
            for (int i = 0; i < dims; i++) {
                embedding[i] = in.readFloat();
            }
        }
        String embeddingModel = readString(in);
        return new Chunk(chunkId, docId, source, title, content, section, page < 0 ? null : page, chunkIndex,
                contentHash, mimeType, acl, modifiedAt, ingestedAt, embedding, embeddingModel);
    }

    // Strings as length + UTF-8, -1 for null: DataOutputStream.writeUTF stops at 64 KB.
    private static void writeString(DataOutputStream out, String value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String readString(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            return null;
        }
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    private static void writeInstant(DataOutputStream out, Instant instant) throws IOException {
        out.writeBoolean(instant != null);
        if (instant != null) {
            out.writeLong(instant.getEpochSecond());
            out.writeInt(instant.getNano());
        }
    }

    private static Instant readInstant(DataInputStream in) throws IOException {
        return in.readBoolean() ? Instant.ofEpochSecond(in.readLong(), in.readInt()) : null;
    }

    private static byte[] encode(Writer writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            writer.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in-memory stream: cannot happen
        }
        return bytes.toByteArray();
    }

    @FunctionalInterface
    private interface Writer {
        void write(DataOutputStream out) throws IOException;
    }
}

package io.caravan.ingest.parse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The sheet names of an OpenDocument spreadsheet, in order. Tika's XHTML of an ODS has one table per sheet but not
 * its name, which belongs in the rows' section path as an XLSX sheet's does (docs/architecture.md#tables). Read
 * from {@code content.xml} with a streaming parser that resolves no external entity. Stateless and thread safe.
 */
final class OdsSheetNames {

    private static final String TABLE_NS = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";

    private OdsSheetNames() {
    }

    /** The names of the sheets, or an empty list when the file has no readable {@code content.xml}. */
    static List<String> of(byte[] ods) {
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(ods))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if ("content.xml".equals(entry.getName())) {
                    return names(zip);
                }
            }
        } catch (IOException | XMLStreamException e) {
            // Tika reports what is wrong with the file; the rows merely go without their sheet's name
        }
        return List.of();
    }

    private static List<String> names(InputStream content) throws XMLStreamException {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        XMLStreamReader reader = factory.createXMLStreamReader(content);
        List<String> names = new ArrayList<>();
        int depth = 0;
        while (reader.hasNext()) {
            int event = reader.next();
            boolean table = (event == XMLStreamConstants.START_ELEMENT || event == XMLStreamConstants.END_ELEMENT)
                    && TABLE_NS.equals(reader.getNamespaceURI()) && "table".equals(reader.getLocalName());
            if (table && event == XMLStreamConstants.START_ELEMENT) {
                if (depth++ == 0) {
                    String name = reader.getAttributeValue(TABLE_NS, "name");
                    names.add(name == null ? "" : name);
                }
            } else if (table) {
                depth--;
            }
        }
        return names;
    }
}

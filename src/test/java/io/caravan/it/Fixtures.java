package io.caravan.it;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.xssf.usermodel.XSSFRow;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFTable;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Real documents made in the test: PDFs with PDFBox, DOCX and XLSX with POI, text files; each appears atomically. */
final class Fixtures {

    private Fixtures() {
    }

    /** A PDF with one line of text per page. */
    static Path pdf(Path target, String... pages) throws IOException {
        Path temp = temp(target);
        try (PDDocument document = new PDDocument()) {
            for (String text : pages) {
                PDPage page = new PDPage();
                document.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                    content.beginText();
                    content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                    content.newLineAtOffset(72, 700);
                    content.showText(text);
                    content.endText();
                }
            }
            document.save(temp.toFile());
        }
        return publish(temp, target);
    }

    /** A DOCX with one paragraph per argument. */
    static Path docx(Path target, String... paragraphs) throws IOException {
        Path temp = temp(target);
        try (XWPFDocument document = new XWPFDocument(); OutputStream out = Files.newOutputStream(temp)) {
            for (String text : paragraphs) {
                document.createParagraph().createRun().setText(text);
            }
            document.write(out);
        }
        return publish(temp, target);
    }

    /** A DOCX with a paragraph, then a table whose first row holds the column names. */
    static Path docxTable(Path target, String paragraph, String[][] cells) throws IOException {
        Path temp = temp(target);
        try (XWPFDocument document = new XWPFDocument(); OutputStream out = Files.newOutputStream(temp)) {
            document.createParagraph().createRun().setText(paragraph);
            XWPFTable table = document.createTable(cells.length, cells[0].length);
            for (int r = 0; r < cells.length; r++) {
                for (int c = 0; c < cells[r].length; c++) {
                    table.getRow(r).getCell(c).setText(cells[r][c]);
                }
            }
            document.write(out);
        }
        return publish(temp, target);
    }

    /** An XLSX with one sheet of these rows (numbers as numeric cells), the first row the column names. */
    static Path xlsx(Path target, String sheetName, Object[][] rows) throws IOException {
        Path temp = temp(target);
        try (XSSFWorkbook workbook = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(temp)) {
            XSSFSheet sheet = workbook.createSheet(sheetName);
            for (int r = 0; r < rows.length; r++) {
                XSSFRow row = sheet.createRow(r);
                for (int c = 0; c < rows[r].length; c++) {
                    if (rows[r][c] instanceof Number number) {
                        row.createCell(c).setCellValue(number.doubleValue());
                    } else {
                        row.createCell(c).setCellValue(String.valueOf(rows[r][c]));
                    }
                }
            }
            workbook.write(out);
        }
        return publish(temp, target);
    }

    /** A UTF-8 text file. */
    static Path text(Path target, String content) throws IOException {
        return bytes(target, content.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code volcano.txt} in {@code dir}: the Krakatoa text the question channels' tests ask about. */
    static Path volcanoText(Path dir) throws IOException {
        return text(dir.resolve("volcano.txt"), "Krakatoa\n\nThe Krakatoa eruption of 1883 was heard 4800"
                + " kilometres away. Volcanic ash from Krakatoa lowered global temperatures for five years.\n");
    }

    /** {@code coffee.md} in {@code dir}: a Markdown file whose passage sits under the section Coffee > Brewing. */
    static Path coffeeMarkdown(Path dir) throws IOException {
        return text(dir.resolve("coffee.md"), "# Coffee\n\n## Brewing\n\nEspresso is brewed at nine bars of"
                + " pressure for about 25 seconds.\n");
    }

    /** A file with exactly these bytes. */
    static Path bytes(Path target, byte[] content) throws IOException {
        Path temp = temp(target);
        Files.write(temp, content);
        return publish(temp, target);
    }

    // written under a hidden name, then renamed: the share never shows a half-written file
    private static Path temp(Path target) throws IOException {
        Files.createDirectories(target.getParent());
        return Files.createTempFile(target.getParent(), ".fixture-", ".tmp");
    }

    private static Path publish(Path temp, Path target) throws IOException {
        return Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}

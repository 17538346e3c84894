package io.caravan.ingest.parse;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Scans made in the test: text rendered with Java2D at 200 dpi, as an image or as image-only PDF pages. */
public final class ScannedPages {

    private static final int DPI = 200;

    private ScannedPages() {
    }

    /** A letter-size page image with {@code lines} in a 14 pt serif font, turned by {@code degrees}. */
    public static BufferedImage page(double degrees, String... lines) {
        return page(Font.SERIF, 14, degrees, lines);
    }

    /** A letter-size page image with {@code lines} in {@code font} at {@code points}, turned by {@code degrees}. */
    public static BufferedImage page(String font, int points, double degrees, String... lines) {
        int width = (int) (8.5 * DPI);
        int height = 11 * DPI;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.rotate(Math.toRadians(degrees), width / 2.0, height / 2.0);
        g.setColor(Color.BLACK);
        g.setFont(new Font(font, Font.PLAIN, points * DPI / 72));
        int y = DPI;
        for (String line : lines) {
            g.drawString(line, DPI * 3 / 4, y);
            y += points * 17 / 10 * DPI / 72;
        }
        g.dispose();
        return image;
    }

    public static byte[] png(BufferedImage image) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A PDF whose pages are these images and nothing else: no text layer, as from a scanner. */
    public static byte[] pdf(BufferedImage... pages) {
        try (PDDocument pdf = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (BufferedImage image : pages) {
                PDPage page = new PDPage(PDRectangle.LETTER);
                pdf.addPage(page);
                PDImageXObject scan = LosslessFactory.createFromImage(pdf, image);
                try (PDPageContentStream content = new PDPageContentStream(pdf, page)) {
                    content.drawImage(scan, 0, 0, PDRectangle.LETTER.getWidth(), PDRectangle.LETTER.getHeight());
                }
            }
            pdf.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

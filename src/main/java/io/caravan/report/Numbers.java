package io.caravan.report;

import java.math.BigDecimal;
import java.util.Locale;

/** Numbers as the reports' tables show them. */
final class Numbers {

    private Numbers() {
    }

    /** {@code value} with {@code decimals} decimals, as the commands print it ({@code %.Nf}, no grouping). */
    static String format(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    /** {@code value} as its shortest decimal text with no exponent: 0.926, 25.5, 6. */
    static String plain(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return String.valueOf(value);
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}

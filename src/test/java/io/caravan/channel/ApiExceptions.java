package io.caravan.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Asserts on the {@link ApiException} a call throws. */
final class ApiExceptions {

    private ApiExceptions() {
    }

    /** The ApiException {@code call} throws, after checking its status. */
    static ApiException thrownBy(ThrowingCallable call, int status) {
        ApiException e = catchThrowableOfType(ApiException.class, call);
        assertThat(e).as("an ApiException").isNotNull();
        assertThat(e.status()).isEqualTo(status);
        return e;
    }
}

package io.novix.core.privacy.entity;

/**
 * Text that a regular expression may read only so many characters of: a tenant's own pattern runs
 * on Java's backtracking engine, and one written (or crafted) to backtrack catastrophically must
 * cost a bounded amount of CPU, not an instance. Every read counts; past the budget it throws.
 */
final class BoundedText implements CharSequence {

    /** Reads allowed per character of input, plus a floor for short texts. */
    static final int READS_PER_CHAR = 64;
    static final int READS_FLOOR = 100_000;

    static final class Exhausted extends RuntimeException {
        Exhausted() {
            super("regular expression budget exhausted", null, false, false);
        }
    }

    private final CharSequence text;
    private final int offset;
    private final int length;
    private final long[] left;
    private final long budget;

    /** A prompt's text, with the run-time budget. */
    BoundedText(CharSequence text) {
        this(text, (long) text.length() * READS_PER_CHAR + READS_FLOOR);
    }

    BoundedText(CharSequence text, long budget) {
        this(text, 0, text.length(), new long[]{budget}, budget);
    }

    private BoundedText(CharSequence text, int offset, int length, long[] left, long budget) {
        this.text = text;
        this.offset = offset;
        this.length = length;
        this.left = left;
        this.budget = budget;
    }

    /** Characters read so far. */
    long used() {
        return budget - left[0];
    }

    @Override
    public char charAt(int index) {
        if (--left[0] < 0) {
            throw new Exhausted();
        }
        return text.charAt(offset + index);
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new BoundedText(text, offset + start, end - start, left, budget);
    }

    @Override
    public String toString() {
        return text.subSequence(offset, offset + length).toString();
    }
}

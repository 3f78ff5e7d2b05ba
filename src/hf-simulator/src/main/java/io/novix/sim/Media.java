package io.novix.sim;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Real image and audio bytes: PNGs painted from the prompt, WAV/FLAC recognised by their headers. */
final class Media {

    private Media() {
    }

    /** A PNG of the requested size whose colours depend on the prompt (so two prompts differ). */
    static byte[] png(String prompt, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int seed = prompt.hashCode();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int r = (seed >>> 16) + x * 255 / width & 0xff;
                int g = (seed >>> 8) + y * 255 / height & 0xff;
                image.setRGB(x, y, r << 16 | g << 8 | seed & 0xff);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Width × height of a PNG/JPEG/GIF, or null when the bytes are not an image. */
    static int[] imageSize(byte[] bytes) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
            return image == null ? null : new int[] {image.getWidth(), image.getHeight()};
        } catch (IOException e) {
            return null;
        }
    }

    /** Seconds of audio in a WAV (from its header), a nominal length for other known formats, -1 if not audio. */
    static double audioSeconds(byte[] bytes) {
        if (bytes.length >= 44 && ascii(bytes, 0, "RIFF") && ascii(bytes, 8, "WAVE")) {
            ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            int byteRate = b.getInt(28);
            return byteRate <= 0 ? -1 : (bytes.length - 44) / (double) byteRate;
        }
        boolean known = bytes.length >= 4 && (ascii(bytes, 0, "fLaC") || ascii(bytes, 0, "OggS") || ascii(bytes, 0, "ID3")
                || (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xe0) == 0xe0);
        return known ? Math.max(1.0, bytes.length / 16_000.0) : -1;
    }

    private static boolean ascii(byte[] bytes, int at, String text) {
        for (int i = 0; i < text.length(); i++) {
            if (bytes[at + i] != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}

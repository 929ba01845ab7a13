package cn.laorenjia.core.register;

/**
 * The PINs anyone at an unattended counter tries first: one digit repeated (0000) or a run up or down (123456, 9876,
 * 7890, wrapping 9 to 0). The register refuses them for cashiers; the sample register never draws them.
 */
public final class GuessablePins {

    private GuessablePins() {
    }

    /** Whether these digits are one digit repeated, or each one more (or each one less) than the one before. */
    public static boolean isGuessable(String digits) {
        boolean same = true;
        boolean up = true;
        boolean down = true;
        for (int i = 1; i < digits.length(); i++) {
            int step = Math.floorMod(digits.charAt(i) - digits.charAt(i - 1), 10);
            same &= step == 0;
            up &= step == 1;
            down &= step == 9;
        }
        return same || up || down;
    }
}

package dev.keywatch.benchmarks.overhead;

/** The two-sided 95% quantiles of Student's t, for a confidence interval over a handful of processes. */
final class StudentT {
    /** t(0.975) for 1 to 30 degrees of freedom. */
    private static final double[] QUANTILE_975 = {
        12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
        2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
        2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042};

    private StudentT() {
    }

    /** Beyond 30 degrees of freedom, within 2% of the normal distribution's 1.96; this rounds up to stay wide. */
    static double quantile975(int degreesOfFreedom) {
        if (degreesOfFreedom < 1) {
            throw new IllegalArgumentException("an interval needs two or more values");
        }
        return degreesOfFreedom <= QUANTILE_975.length ? QUANTILE_975[degreesOfFreedom - 1] : 2.042;
    }
}

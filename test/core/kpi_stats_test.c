/*
 * kpi_stats_test.c
 *	  Plain-C unit test of src/kpi/kpi_stats.c against reference values computed with
 *	  mpmath at 30 digits (betainc, erfc, findroot) and hand-worked Wilson intervals.  Run by
 *	  test/t/002_kpi_stats.sh; prints one line per check and exits non-zero on
 *	  the first failure count > 0.
 */
#include <math.h>
#include <stdio.h>

#include "kpi_stats.h"

static int	failures = 0;

static void
check(const char *what, double got, double want, double tol)
{
	int			ok = fabs(got - want) <= tol;

	printf("%-44s got %.10g want %.10g %s\n", what, got, want, ok ? "ok" : "FAIL");
	if (!ok)
		failures++;
}

int
main(void)
{
	double		lo,
				hi;

	/* normal law: Phi(1.959964) = 0.975, 2*Phi(-1) = 0.3173105 */
	check("normal cdf(1.959963984540054)", KpiNormalCdf(KPI_Z95), 0.975, 1e-12);
	check("normal cdf(0)", KpiNormalCdf(0.0), 0.5, 1e-15);
	check("normal two-sided p(1)", KpiNormalTwoSidedP(1.0), 0.3173105078629141, 1e-12);
	check("normal two-sided p(-3)", KpiNormalTwoSidedP(-3.0), 0.002699796063260207, 1e-14);
	check("normal two-sided p(10) (far tail)", KpiNormalTwoSidedP(10.0), 1.523970604832105e-23, 1e-33);

	/*
	 * Student t two-sided p = I_{df/(df+t^2)}(df/2, 1/2) (mpmath betainc);
	 * t = 2, df = 10 -> 0.07339; df = 3 also has a closed form:
	 * F(t) = 1/2 + (t/(sqrt(3)(1 + t^2/3)) + atan(t/sqrt(3)))/pi.
	 */
	check("t two-sided p(t=2, df=10)", KpiStudentTTwoSidedP(2.0, 10.0), 0.07338803477074, 1e-9);
	check("t two-sided p(t=-2, df=10)", KpiStudentTTwoSidedP(-2.0, 10.0), 0.07338803477074, 1e-9);
	check("t two-sided p(t=1, df=1) (Cauchy)", KpiStudentTTwoSidedP(1.0, 1.0), 0.5, 1e-12);
	check("t two-sided p(t=0, df=5)", KpiStudentTTwoSidedP(0.0, 5.0), 1.0, 1e-15);
	check("t two-sided p(t=3.5, df=4.7) (Welch df)", KpiStudentTTwoSidedP(3.5, 4.7), 0.01912959350027643, 1e-10);
	check("t two-sided p(t=2.5, df=1000)", KpiStudentTTwoSidedP(2.5, 1000.0), 0.01257856780109080, 1e-10);
	check("t cdf(t=1.5, df=3)", KpiStudentTCdf(1.5, 3.0), 0.8847080673775885, 1e-10);
	check("t cdf(t=-1.5, df=3)", KpiStudentTCdf(-1.5, 3.0), 0.1152919326224115, 1e-10);

	/* the 97.5% quantile of t(df) (mpmath findroot) */
	check("t critical 95% df=1", KpiStudentTCritical(0.05, 1.0), 12.70620473617471, 1e-8);
	check("t critical 95% df=2", KpiStudentTCritical(0.05, 2.0), 4.302652729749464, 1e-9);
	check("t critical 95% df=10", KpiStudentTCritical(0.05, 10.0), 2.228138851986274, 1e-9);
	check("t critical 95% df=30", KpiStudentTCritical(0.05, 30.0), 2.042272456301238, 1e-9);
	check("t critical 95% df=1e6", KpiStudentTCritical(0.05, 1e6), 1.959966356814107, 1e-8);
	check("t critical 95% df=1e9 (normal law)", KpiStudentTCritical(0.05, 1e9), KPI_Z95, 1e-8);

	/* incomplete beta: I_0.5(2, 3) = 11/16 */
	check("I_0.5(2,3)", KpiRegIncBeta(0.5, 2.0, 3.0), 11.0 / 16.0, 1e-14);
	check("I_0.2(1,1) = x", KpiRegIncBeta(0.2, 1.0, 1.0), 0.2, 1e-14);

	/*
	 * Wilson, k = 8 of n = 10, z = 1.96: center = (0.8 + 0.19208)/1.38416 =
	 * 0.716738, half = 1.96*sqrt(0.016 + 0.009604)/1.38416 = 0.226581 ->
	 * [0.490157, 0.943319]
	 */
	KpiWilsonInterval(8.0, 10.0, 1.96, &lo, &hi);
	check("wilson 8/10 low", lo, 0.4901568467207234, 1e-12);
	check("wilson 8/10 high", hi, 0.9433190520193067, 1e-12);
	KpiWilsonInterval(0.0, 20.0, KPI_Z95, &lo, &hi);
	check("wilson 0/20 low", lo, 0.0, 1e-15);
	check("wilson 0/20 high", hi, 0.1611251580528194, 1e-12);

	printf("%d failures\n", failures);
	return failures > 0;
}

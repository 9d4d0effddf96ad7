namespace SaeLab.Tests.Experiments;

public sealed class ReportSnapshotComparerTests
{
    private const string Path = "demo-COMPARISON.md";

    [Theory]
    [InlineData("| **MSE Loss** | 0.03315 | 0.02989 | **-9.8%** ✅ |", "| **MSE Loss** | 0.03316 | 0.02990 | **-9.7%** ✅ |")]
    [InlineData("| **Explained Variance** | 69.61% | 72.48% | **+2.9 pts** ✅ |", "| **Explained Variance** | 69.63% | 72.46% | **+3.0 pts** ✅ |")]
    [InlineData("| refined-mean | baseline | -5.0 pts | -10.8 to +0.0 pts |", "| refined-mean | baseline | -5.0 pts | -10.8 to -0.0 pts |")]
    [InlineData("| **Dead Features** | 88.92% | 66.80% |", "| **Dead Features** | 90.10% | 66.80% |")]
    [InlineData("| train pilot | 19 s |", "| train pilot | 41 s |")]
    [InlineData("| **Training Time** | 19 s | 18 s | ÷ 1.08 |", "| **Training Time** | 9.2 s | 18 s | × 1.96 |")]
    [InlineData("| **Total** | **59 s** |", "| **Total** | **2.1 s** |")]
    [InlineData("| **Total** | **2.2 min** |", "| **Total** | **59 s** |")]
    [InlineData("**Date**: 2026-12-03 12:31 UTC", "**Date**: 2027-01-15 08:02 UTC")]
    [InlineData("**Machine**: Debian GNU/Linux 12 (bookworm), X64, 2 logical cores; 2 threads, GEMM backend managed-avx2",
        "**Machine**: Ubuntu 24.04.1 LTS, X64, 4 logical cores; 4 threads, GEMM backend managed-scalar")]
    public void WhatMachinesChange_Matches(string snapshot, string actual) =>
        Assert.Null(ReportSnapshotComparer.FirstDifference(Path, "# Report\n" + snapshot + "\n", "# Report\n" + actual + "\n"));

    [Theory]
    [InlineData("| **Explained Variance** | 69.61% | 72.48% |", "| **Explained Variance** | 65.10% | 72.48% |", "65.10 is more than")]
    [InlineData("| **Epochs / Batch / LR / Seed** | 25 / 256 / 0.001 / 0 |", "| **Epochs / Batch / LR / Seed** | 20 / 256 / 0.001 / 0 |", "20 is more than")]
    [InlineData("| pilot | 0.001 | p = 0.001 |", "| pilot | 0.001 | p = 0.004 |", "0.004 is more than")]
    [InlineData("| **Verdict** | POOR | FAIR |", "| **Verdict** | POOR | GOOD |", "the text differs")]
    [InlineData("| **L0 (features/vector)** | 30.36 |", "| **L1 (features/vector)** | 30.36 |", "the text differs")]
    [InlineData("| **MSE Loss** | 0.03315 |", "| **MSE Loss** | 0.0332 |", "the text differs")]
    [InlineData("| train pilot | 19 s |", "| train refined | 19 s |", "the text differs")]
    public void ARealChange_FailsNamingTheLine(string snapshot, string actual, string why)
    {
        string? difference = ReportSnapshotComparer.FirstDifference(Path, "# Report\n" + snapshot + "\n", "# Report\n" + actual + "\n");

        Assert.NotNull(difference);
        Assert.Contains("differs at line 2", difference);
        Assert.Contains(why, difference);
        Assert.Contains("  actual:   " + actual, difference);
    }

    [Fact]
    public void AMissingLine_Fails() =>
        Assert.Contains("differs at line 3", ReportSnapshotComparer.FirstDifference(Path, "a\nb\nc", "a\nb"));
}

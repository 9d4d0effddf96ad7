using SaeLab.IO;
using SaeLab.Sae;

namespace SaeLab.Tests.Training;

/// <summary>
/// Fixtures/training/relu_sae_adam_steps.json (the seed's loss) or relu_sae_decoder_norm_l1_adam_steps.json (the L1
/// penalty weighted by decoder row norms), written by tests/fixtures-src/make_training_fixtures.py.
/// </summary>
internal sealed record TrainingFixture(
    int DIn, int DSae, double L1, double LearningRate, float[] X, int[][] Batches, TrainingFixture.Tensors Initial,
    TrainingFixture.AdamStep[] Steps)
{
    public static TrainingFixture Load(string name = "relu_sae_adam_steps.json") =>
        JsonFiles.Read<TrainingFixture>(Path.Combine(AppContext.BaseDirectory, "Fixtures", "training", name));

    internal sealed record Tensors(float[] WEnc, float[] BEnc, float[] WDec, float[] BDec)
    {
        public void CopyInto(ReluSae sae)
        {
            WEnc.CopyTo(sae.WEnc, 0);
            BEnc.CopyTo(sae.BEnc, 0);
            WDec.CopyTo(sae.WDec, 0);
            BDec.CopyTo(sae.BDec, 0);
        }
    }

    internal sealed record AdamStep(double Loss, double Reconstruction, double Sparsity, long ActiveCodes, Tensors Gradients, Tensors Parameters);
}

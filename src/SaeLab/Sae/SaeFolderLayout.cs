namespace SaeLab.Sae;

/// <summary>The on-disk SAE layouts <c>Training.Architectures.SaeFolder.Load</c> reads.</summary>
public enum SaeFolderLayout
{
    /// <summary>SAELens: cfg.json + sae_weights.safetensors (+ sparsity.safetensors).</summary>
    SaeLens,

    /// <summary>EleutherAI sparsify: cfg.json + sae.safetensors.</summary>
    Sparsify,

    /// <summary>saprmarks/dictionary_learning: ae.pt (a state_dict) + config.json (<see cref="DictionaryLearningFolder"/>).</summary>
    DictionaryLearning,

    /// <summary>The seed pipeline's sae_weights.pt, one torch.save file (<see cref="SeedCheckpoint"/>).</summary>
    Seed,
}

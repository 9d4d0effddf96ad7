using SaeLab.Data;
using SaeLab.IO;
using SaeLab.Probing.Aggregation;
using SaeLab.Probing.CrossValidation;
using SaeLab.Probing.Grid;
using SaeLab.Probing.Hybrid;
using SaeLab.Probing.Sparse;
using SaeLab.Sae;
using SaeLab.Training.Architectures;

namespace SaeLab.Probing.Jobs;

/// <summary>
/// One probe run from files, as <c>saelab probe</c> asks for it: load the activations (and the SAE whose codes are
/// probed), run the probe of <see cref="Mode"/> and write its JSON. The modes exclude each other; <see cref="Validate"/>
/// refuses a job that mixes them or lacks what its mode needs. The CLI maps its flags onto this record, prints
/// the <see cref="ProbeJobResult"/> through <c>ProbeJobReport</c> and draws the figures.
/// </summary>
public sealed record ProbeJob
{
    /// <summary>The activation file, with problem and label columns (layer and token where the aggregation uses them).</summary>
    public required string Data { get; init; }

    /// <summary>How <see cref="Data"/> is read.</summary>
    public ActivationLoadOptions Load { get; init; } = new();

    /// <summary>An SAE folder or checkpoint file whose codes are probed; null for the raw activations.</summary>
    public string? Sae { get; init; }

    /// <summary>How each problem's vectors become one sample; required except for <see cref="Grid"/>, which probes every position.</summary>
    public AggregationSpec? Aggregation { get; init; }

    /// <summary>Labels, split, scaling and classifier (its <see cref="ProbeConfig.Aggregation"/> is set from <see cref="Aggregation"/>).</summary>
    public ProbeConfig Config { get; init; } = new();

    /// <summary>Probe the raw activations at every token × layer instead of one aggregation.</summary>
    public bool Grid { get; init; }

    /// <summary>Cross-validate instead of one split.</summary>
    public CrossValidationConfig? CrossValidation { get; init; }

    /// <summary>k-sparse probes of this protocol (<see cref="SparseProbingProtocol"/>).</summary>
    public string? SparseProtocol { get; init; }

    /// <summary>The k of the k-sparse probes; null for the protocol's defaults.</summary>
    public IReadOnlyList<int>? Ks { get; init; }

    /// <summary>The negatives' seed of the SAEBench protocol; null for its default.</summary>
    public int? NegativeSeed { get; init; }

    /// <summary>A hybrid probe on this many SAE features (needs <see cref="Sae"/>).</summary>
    public int? HybridFeatures { get; init; }

    /// <summary>Where to write the result as JSON; null for nowhere.</summary>
    public string? Out { get; init; }

    /// <summary>The mode the fields choose (<see cref="Validate"/> checks they choose one).</summary>
    public ProbeMode Mode =>
        Grid ? ProbeMode.Grid
        : CrossValidation is not null ? ProbeMode.CrossValidated
        : SparseProtocol == SparseProbingProtocol.SaeBench ? ProbeMode.SaeBench
        : SparseProtocol is not null ? ProbeMode.KSparse
        : HybridFeatures is not null ? ProbeMode.Hybrid
        : ProbeMode.Single;

    /// <summary>Throws a <see cref="SaeLabException"/> naming the options that do not fit together.</summary>
    public void Validate()
    {
        Config.Validate();
        CrossValidation?.Validate();
        if (Grid)
        {
            SaeLabException.Require(Sae is null && Aggregation is null, "--grid probes raw activations at every token and layer; it takes neither --sae nor --aggregate");
        }
        else
        {
            SaeLabException.Require(Aggregation is not null, $"--aggregate is required (or use --grid); allowed: {AggregationSpec.AllowedForms}");
        }

        int modes = new[] { Grid, CrossValidation is not null, SparseProtocol is not null, HybridFeatures is not null }.Count(mode => mode);
        SaeLabException.Require(modes <= 1, "--grid, --cv, --k-sparse and --hybrid are separate modes; give at most one");
        SaeLabException.Require(
            SparseProtocol is null || SparseProbingProtocol.All.Contains(SparseProtocol),
            $"--k-sparse-protocol must be one of {string.Join(", ", SparseProbingProtocol.All)} (got '{SparseProtocol}')");
        SaeLabException.Require(SparseProtocol is not null || Ks is null, "--k-sparse needs a k-sparse protocol (multiclass by default)");
        SaeLabException.Require(NegativeSeed is null || Mode == ProbeMode.SaeBench, $"--negative-seed applies only to --k-sparse-protocol {SparseProbingProtocol.SaeBench}");
        SaeLabException.Require(HybridFeatures is null || Sae is not null, "--hybrid needs --sae: the SAE whose decoder directions are projected onto");
        if (Mode == ProbeMode.SaeBench)
        {
            SaeBenchConfig().Validate();
        }
    }

    /// <summary>Runs the probe and writes <see cref="Out"/>.</summary>
    public ProbeJobResult Run()
    {
        Validate();
        ActivationSet set = ActivationLoader.Load(Data, Load);
        ISparseAutoencoder? sae = Sae is null ? null : SaeFolder.Load(Sae);
        ProbeConfig config = Aggregation is null ? Config : Config with { Aggregation = Aggregation };
        object value = Mode switch
        {
            ProbeMode.Grid => AccuracyGrid.Run(set, config),
            ProbeMode.CrossValidated => CrossValidator.Run(set, config, CrossValidation!, sae),
            ProbeMode.KSparse => SparseProber.Run(set, config, Ks ?? SparseProbingProtocol.DefaultKs(SparseProtocol!), sae),
            ProbeMode.SaeBench => SaeBenchSparseProber.Run(set, config, SaeBenchConfig(), sae),
            ProbeMode.Hybrid => HybridProber.Run(set, sae!, config, HybridFeatures!.Value),
            _ => Prober.Run(set, config, sae),
        };
        if (Out is not null)
        {
            JsonFiles.Write(Out, value);
        }

        return new ProbeJobResult(Mode, value);
    }

    private SaeBenchProbingConfig SaeBenchConfig()
    {
        var defaults = new SaeBenchProbingConfig();
        return defaults with { Ks = Ks ?? defaults.Ks, NegativeSeed = NegativeSeed ?? defaults.NegativeSeed };
    }
}

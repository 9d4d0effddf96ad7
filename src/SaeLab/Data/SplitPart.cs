namespace SaeLab.Data;

/// <summary>Which vectors of a set a command uses: all of them, or those of a problem split's training or test problems.</summary>
public enum SplitPart
{
    /// <summary>Every vector.</summary>
    All,

    /// <summary>The vectors of the split's training problems.</summary>
    Train,

    /// <summary>The vectors of the split's held-out test problems.</summary>
    Test,
}

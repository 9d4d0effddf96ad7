namespace SaeLab.Data;

/// <summary>Sample indices of a train/test split, each list in the order the split drew it.</summary>
public sealed record TrainTestSplit(int[] Train, int[] Test);

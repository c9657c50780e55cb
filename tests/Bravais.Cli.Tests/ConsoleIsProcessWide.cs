using Xunit;

// Command tests swap Console.Out/Console.Error, which are process-wide: run this assembly's test classes one
// at a time so one class's capture never swallows another's output.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

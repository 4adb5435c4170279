// One service for all tests, which share two CPU cores: run them one after another.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

// Builds the test front end into ./build: bundle.js plus the schemas and themes LabServerApp serves.
const path = require('path');
const webpack = require('webpack');
const { Build } = require('@jupyterlab/builder');
const base = require('@jupyterlab/builder/lib/webpack.config.base');
const data = require('./package.json');

const output = path.resolve(__dirname, 'build');
const themes = Build.ensureAssets({ packageNames: data.jupyterlab.extensions, output });

module.exports = [
  {
    mode: 'development',
    devtool: false,
    entry: './index.js',
    output: { path: output, filename: 'bundle.js', publicPath: 'auto', hashFunction: 'sha256' },
    bail: true,
    module: {
      // JupyterLab's own loader rules (CSS, SVG as text or data URI, fonts), and for the ES modules
      // of @jupyter/web-components, imports without file extensions.
      rules: base.module.rules.concat([{ test: /\.m?js$/, resolve: { fullySpecified: false } }])
    },
    resolve: base.resolve,
    plugins: [new webpack.ProvidePlugin({ process: 'process/browser' })],
    performance: { hints: false }
  },
  ...themes
];

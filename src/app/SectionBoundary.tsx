import { Component, type ErrorInfo, type ReactNode } from 'react';
import { translate, type Lang } from '../i18n/index.ts';

interface Props {
  lang: Lang;
  children: ReactNode;
}

/**
 * Keeps a failure inside one part of the workspace: that part shows a message, the map, the
 * layers, imports and measurements around it stay usable.
 */
export class SectionBoundary extends Component<Props, { error: Error | null }> {
  state = { error: null as Error | null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  componentDidCatch(error: Error, info: ErrorInfo) {
    console.error('Shanshui: a panel section failed', error, info.componentStack);
  }

  render() {
    if (!this.state.error) return this.props.children;
    return (
      <p className="panel-section error" role="alert">
        {translate(this.props.lang, 'app.error.section', { reason: this.state.error.message })}
      </p>
    );
  }
}
